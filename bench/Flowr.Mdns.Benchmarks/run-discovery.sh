#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Whole-process discovery benchmark: `flowr -t 0 examples/fibonacci` on host a of a private LAN of
# network namespaces (a bridge, hosts a, b, c; no route out), with flowrex executors already waiting
# on b (and c). Also: the time from a flowrex's start to its joining a flowr that waits already.
# Needs root, iproute2 and hyperfine.
#
#   run-discovery.sh [BIN_DIR] [RUNS]     BIN_DIR holds flowr and flowrex (default publish/linux-x64)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(cd "${1:-$root/publish/linux-x64}" && pwd)
runs=${2:-30}
prefix=fdisc$$
net=10.254.$(( $$ % 200 + 1 ))
flow=$root/examples/fibonacci
pids=()

ns() { echo "$prefix-$1"; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for h in sw a b c; do ip netns del "$(ns $h)" 2>/dev/null || true; done
  rm -rf "$tmp"
}
tmp=$(mktemp -d)
trap cleanup EXIT

ip netns add "$(ns sw)"
ip -n "$(ns sw)" link add br0 type bridge
ip -n "$(ns sw)" link set br0 type bridge mcast_snooping 0
ip -n "$(ns sw)" link set br0 up
i=0
for h in a b c; do
  i=$((i + 1))
  ip netns add "$(ns $h)"
  ip -n "$(ns $h)" link set lo up
  ip -n "$(ns sw)" link add "p$h" type veth peer name lab0 netns "$(ns $h)"
  ip -n "$(ns sw)" link set "p$h" master br0 up
  ip -n "$(ns $h)" link set lab0 multicast on up
  ip -n "$(ns $h)" addr add "$net.$i/24" dev lab0
  ip -n "$(ns $h)" route add 224.0.0.0/4 dev lab0
done

start_flowrex() { # HOST LOG
  : >"$2"
  ip netns exec "$(ns "$1")" "$bin/flowrex" -v info -t 1 >"$2" 2>&1 &
  pids+=($!)
  until grep -q "Waiting for beacon" "$2"; do sleep 0.02; done
}

stop_last() {
  local pid=${pids[-1]}
  kill "$pid"; wait "$pid" 2>/dev/null || true
  unset 'pids[-1]'
}

bench() { # NAME COMMAND...
  echo "== $1"
  ip netns exec "$(ns a)" hyperfine -N --warmup 3 -r "$runs" --export-json "$tmp/h.json" "${@:2}" >/dev/null
  python3 - "$tmp/h.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = sorted(x * 1000 for x in r["times"])
print(f"   median {r['median']*1000:.1f} ms  min {t[0]:.1f}  max {t[-1]:.1f}  p90 {t[int(len(t)*0.9)-1]:.1f}  ({len(t)} runs)")
EOF
}

echo "flowr in $(ns a) ($net.1), flowrex in b ($net.2) and c ($net.3); binaries $bin; load $(cut -d' ' -f1-3 /proc/loadavg)"
bench "local threads: flowr examples/fibonacci" "$bin/flowr $flow"
start_flowrex b "$tmp/b.log"
bench "one flowrex waiting: flowr -t 0 examples/fibonacci" "$bin/flowr -t 0 $flow"
bench "one flowrex waiting: flowr -t 0 --wait-executors 1 examples/fibonacci" "$bin/flowr -t 0 --wait-executors 1 $flow"

# The part of a run spent waiting for the executor: from flowr's "Waiting for executors" line (its job
# service is open) to its "joined" line, each line timestamped by bash's clock as it arrives.
echo "== one flowrex waiting: time waiting for it (Waiting for executors -> joined)"
waits=()
for r in $(seq 1 "$runs"); do
  log=$tmp/wait.log
  : >"$log"
  ip netns exec "$(ns a)" "$bin/flowr" -t 0 -v info "$flow" 2> >(while IFS= read -r l; do echo "$EPOCHREALTIME $l"; done >>"$log") >/dev/null
  for _ in $(seq 500); do grep -q "joined from" "$log" && break; sleep 0.01; done
  t0=$(grep -m1 "Waiting for executors" "$log" | cut -d' ' -f1)
  t1=$(grep -m1 "joined from" "$log" | cut -d' ' -f1)
  waits+=("$(python3 -c "print(round(($t1 - $t0) * 1000, 2))")")
done
python3 -c "
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
print(f'   median {statistics.median(v):.1f} ms  min {v[0]:.1f}  max {v[-1]:.1f}  ({len(v)} runs)')" "${waits[@]}"
start_flowrex c "$tmp/c.log"
bench "two flowrex waiting: flowr -t 0 examples/fibonacci" "$bin/flowr -t 0 $flow"
bench "two flowrex waiting: flowr -t 0 --wait-executors 2 examples/fibonacci" "$bin/flowr -t 0 --wait-executors 2 $flow"
stop_last
stop_last

# A flowrex started while flowr already waits (its job service announced, then DELAY s more): time from
# the flowrex's start to flowr's "joined" line. Right after an announcement a responder may not multicast
# the same record for a second, so the delay matters to an executor that waits for multicast answers.
late() { # DELAY
  echo "== flowrex started ${1} s after flowr's announcement: start -> joined"
  local late=() r log flowr t0 t1
  for r in $(seq 1 "${LATE_RUNS:-10}"); do
    log=$tmp/late.log
    : >"$log"
    ip netns exec "$(ns a)" "$bin/flowr" -t 0 -v info --executor-timeout 20 "$flow" 2> >(while IFS= read -r l; do echo "$EPOCHREALTIME $l"; done >>"$log") >/dev/null &
    flowr=$!
    until grep -q "advertised as" "$log"; do sleep 0.02; done
    sleep "$1"
    t0=$EPOCHREALTIME
    ip netns exec "$(ns b)" "$bin/flowrex" -v info -t 1 >/dev/null 2>&1 &
    pids+=($!)
    wait "$flowr"
    for _ in $(seq 500); do grep -q "joined from" "$log" && break; sleep 0.01; done
    t1=$(grep -m1 "joined from" "$log" | cut -d' ' -f1)
    late+=("$(python3 -c "print(round(($t1 - $t0) * 1000, 1))")")
    stop_last
    sleep 1.2
  done
  python3 -c "
import statistics, sys
v = sorted(float(x) for x in sys.argv[1:])
print(f'   median {statistics.median(v):.1f} ms  min {v[0]:.1f}  max {v[-1]:.1f}  ({len(v)} runs)')" "${late[@]}"
}
late 0
late 1.2
