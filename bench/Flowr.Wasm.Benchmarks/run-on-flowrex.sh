#!/usr/bin/env bash
# Whole runs of mandelbrot (provided WASM functions) with and without a flowrex, timed by hyperfine.
# Needs root: it re-executes itself in a private network namespace (unshare -n) so that mDNS stays
# on this machine, starts one flowrex (extra flowrex arguments: $FLOWREX_ARGS, e.g. --no-wasm),
# and stops it by PID at the end. Usage: make publish RID=linux-x64; bench/Flowr.Wasm.Benchmarks/run-on-flowrex.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/publish/linux-x64
runs=${1:-10}

if [ "${FLOWR_BENCH_IN_NAMESPACE:-}" != 1 ]; then
  exec unshare -n env FLOWR_BENCH_IN_NAMESPACE=1 bash "$0" "$@"
fi
ip link set lo up
ip link set lo multicast on
ip route add 224.0.0.0/4 dev lo

work=$(mktemp -d)
"$bin/flowrex" -t 2 -v info ${FLOWREX_ARGS:-} >"$work/flowrex.log" 2>&1 &
flowrex=$!
trap 'kill "$flowrex" 2>/dev/null || true; wait "$flowrex" 2>/dev/null || true; rm -rf "$work"' EXIT
until grep -q "Waiting for beacon" "$work/flowrex.log"; do sleep 0.05; done

cd "$work"
hyperfine -N -w 1 -r "$runs" \
  "$bin/flowr $root/examples/mandelbrot $work/local.png" \
  "$bin/flowr -t 0 $root/examples/fibonacci" \
  "$bin/flowr -t 0 $root/examples/mandelbrot $work/remote.png"
cmp "$work/local.png" "$root/examples/mandelbrot/expected.file"
cmp "$work/remote.png" "$root/examples/mandelbrot/expected.file"
echo "both images equal examples/mandelbrot/expected.file"
