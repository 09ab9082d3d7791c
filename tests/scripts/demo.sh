#!/usr/bin/env bash
# The distributed demo on one machine: a flowrex executor finds flowr over mDNS and runs every
# library job of examples/fibonacci. Both run inside a private network namespace (needs root) with
# multicast on its loopback, so the demo's mDNS traffic never leaves this machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=publish/linux-x64

if [ "${FLOWR_DEMO_IN_NAMESPACE:-}" != 1 ]; then
  exec unshare -n env FLOWR_DEMO_IN_NAMESPACE=1 bash "$0" "$@"
fi
ip link set lo up
ip link set lo multicast on
ip route add 224.0.0.0/4 dev lo

log=$(mktemp)
"$bin/flowrex" -v info >"$log" 2>&1 &
flowrex=$!
trap 'kill "$flowrex" 2>/dev/null || true; wait "$flowrex" 2>/dev/null || true; rm -f "$log"' EXIT
until grep -q "Waiting for beacon" "$log"; do sleep 0.05; done
echo "--- flowrex (PID $flowrex) is waiting:"
cat "$log"
echo "--- flowr -t 0 examples/fibonacci (every library job runs in flowrex):"
"$bin/flowr" -t 0 examples/fibonacci
sleep 0.2
echo "--- flowrex after the flow, back in its first state:"
tail -n 3 "$log"
kill "$flowrex"
