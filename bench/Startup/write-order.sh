#!/usr/bin/env bash
# Writes flowr/startup.order: the managed methods a short run executes, which the native-AOT compiler
# lays out first and together (IlcOrderFile in flowr/Flowr.csproj). A short run then touches far fewer
# pages of code: each first touch of a page is a page fault, and those were a quarter of what
# `flowr examples/fibonacci` cost over a plain program (bench/README.md, "Start-up").
# Run it again when the start-up path changes much; a stale list only lays out less well.
# Needs valgrind (apt-get install valgrind). Usage: bench/Startup/write-order.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"; rm -f examples/fibonacci/manifest.json' EXIT
clang=$(command -v clang >/dev/null 2>&1 && echo clang || echo clang-14)
# A build with its symbol table (and without DWARF, which valgrind 3.19 cannot read).
FLOWR_ARTIFACTS="$work/artifacts" dotnet publish flowr/Flowr.csproj -c Release -r linux-x64 -o "$work/publish" \
  -p:StripSymbols=false -p:CppCompilerAndLinker="$clang" >/dev/null
objcopy --strip-debug "$work/publish/flowr" "$work/flowr"
"$work/flowr" -c examples/fibonacci >/dev/null
runs=("examples/fibonacci" "examples/hello-world" "examples/fibonacci/manifest.json" "--version")
for i in "${!runs[@]}"; do
  valgrind --tool=callgrind --callgrind-out-file="$work/run$i.out" "$work/flowr" ${runs[$i]} >/dev/null 2>"$work/run$i.log"
done
# Every function named in the profiles (callgrind names each once, as "fn=(id) name" or "cfn=(id) name"),
# sorted, so that the file changes only when the set does (packed together, their order matters little);
# runtime functions written in C++ (with parentheses) and bare addresses are not the compiler's to place.
{
  echo "# The methods of a short flowr run, laid out first by the native-AOT compiler (IlcOrderFile)."
  echo "# Written by bench/Startup/write-order.sh; lines naming no method (like these) are ignored."
  cat "$work"/run*.out | grep -oP '^c?fn=\(\d+\) \K[^(]+$' | grep -v '^0x' | LC_ALL=C sort -u
} > flowr/startup.order
echo "flowr/startup.order: $(grep -vc '^#' flowr/startup.order) methods"
