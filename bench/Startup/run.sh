#!/usr/bin/env bash
# Start-up of flowr against a plain native-AOT C# program printing the same 91 Fibonacci numbers
# (bench/Startup/PlainFibonacci): publishes the plain program, checks it prints what the flow prints,
# then runs every command side by side in one hyperfine run (bench/Startup/rounds.sh with one round).
# Results: bench/README.md, section "Start-up". Usage: bench/Startup/run.sh [RUNS]   (needs publish/linux-x64/flowr)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-100}
plain=artifacts/startup-plain
dotnet publish bench/Startup/PlainFibonacci/PlainFibonacci.csproj -c Release -r linux-x64 -o "$plain" \
  -p:CppCompilerAndLinker="$(command -v clang >/dev/null 2>&1 && echo clang || echo clang-14)" >/dev/null
[ -x publish/linux-x64/flowr ] || { echo "run 'make publish RID=linux-x64' first" >&2; exit 1; }
diff <("$plain/plain-fibonacci") examples/fibonacci/expected.stdout >/dev/null
exec bench/Startup/rounds.sh 1 "$runs"
