#!/usr/bin/env bash
# Start-up of flowr against a plain native-AOT C# program printing the same 91 Fibonacci numbers
# (bench/Startup/PlainFibonacci), side by side in one hyperfine run. Results: bench/README.md,
# section "Start-up". Usage: bench/Startup/run.sh [RUNS]   (needs publish/linux-x64/flowr)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-100}
plain=artifacts/startup-plain
dotnet publish bench/Startup/PlainFibonacci/PlainFibonacci.csproj -c Release -r linux-x64 -o "$plain" \
  -p:CppCompilerAndLinker="$(command -v clang >/dev/null 2>&1 && echo clang || echo clang-14)" >/dev/null
flowr=publish/linux-x64/flowr
[ -x "$flowr" ] || { echo "run 'make publish RID=linux-x64' first" >&2; exit 1; }
diff <("$plain/plain-fibonacci") examples/fibonacci/expected.stdout >/dev/null
"$flowr" -c examples/fibonacci >/dev/null
trap 'rm -f examples/fibonacci/manifest.json' EXIT
hyperfine -N --warmup 10 -r "$runs" --export-json artifacts/startup.json \
  "$plain/plain-fibonacci" \
  "$flowr examples/fibonacci" \
  "$flowr examples/fibonacci/manifest.json" \
  "$plain/plain-fibonacci --version" \
  "$flowr --version"
# Medians and quartiles, and each flowr median over the plain program's (run, or --version).
python3 - artifacts/startup.json <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
median = {r["command"]: statistics.median(r["times"]) * 1000 for r in results}
plain_run = next(c for c in median if c.endswith("plain-fibonacci"))
plain_version = next(c for c in median if c.endswith("plain-fibonacci --version"))
print("| command | median ms | quartiles ms | / plain |")
print("|---|---:|---:|---:|")
for r in results:
    c = r["command"]
    q = statistics.quantiles([t * 1000 for t in r["times"]], n=4)
    base = median[plain_version] if c.endswith("--version") else median[plain_run]
    print(f"| `{c}` | {median[c]:.2f} | {q[0]:.2f}–{q[2]:.2f} | {median[c] / base:.2f} |")
PY
