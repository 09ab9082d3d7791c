#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Flow time (flowr -m "Elapsed time") of examples run three ways, with one flowrex joined through a relay
# that adds a LAN's one-way delay (bench/tools/delay-relay.c), all inside a private network namespace:
#   local     flowr alone, its own threads
#   -t 0      flowr with no threads of its own; the flowrex runs every library job
#   --remote  flowr's threads and the flowrex together
# Prints one table row per example and delay: medians of RUNS runs, and the ratios to local.
#
#   bench/remote/run-remote.sh [RUNS] [DELAYS_US...]        (root; after `make publish RID=linux-x64`)
# Environment: EXAMPLES (default "mandelbrot fibonacci mandelbrot-zoom"), FLOWREX_THREADS (default 2),
#   FLOWR_TASKSET / FLOWREX_TASKSET (e.g. "taskset -c 0") to pin the two ends.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
shift || true
if [ $# -gt 0 ]; then DELAYS=("$@"); else DELAYS=(0 250 1000); fi
EXAMPLES=${EXAMPLES:-"mandelbrot fibonacci mandelbrot-zoom"}
THREADS=${FLOWREX_THREADS:-2}
PUBLISH=$PWD/publish/linux-x64
NS=flowr-bench-$$
WORK=$(mktemp -d)
cc -O2 -pthread -o "$WORK/delay-relay" bench/tools/delay-relay.c

cleanup() {
  for pid in $(ip netns pids "$NS" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link set lo multicast on
ip -n "$NS" route add 224.0.0.0/4 dev lo
in_ns() { ip netns exec "$NS" "$@"; }

args_of() { [ -f "examples/$1/test.args" ] && sed "s|^test.file$|$WORK/out.png|" "examples/$1/test.args" | tr '\n' ' '; true; }
elapsed() { grep -E '^Elapsed time' | sed -E 's/.*: //'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One run with a flowrex through the relay: flowr listens on JOB_PORT, the relay on RELAY_PORT.
remote_run() {
  local mode=$1 example=$2 delay=$3
  local job_port=47000 relay_port=47001
  # NOTE: `ip netns exec` execs its command, so $! is the command's own PID.
  ip netns exec "$NS" "$WORK/delay-relay" $relay_port $job_port "$delay" & local relay=$!
  ip netns exec "$NS" ${FLOWR_TASKSET:-} "$PUBLISH/flowr" $mode --job-port $job_port --wait-executors 1 -m "examples/$example" $(args_of "$example") \
    > "$WORK/out.txt" 2>"$WORK/err.txt" & local flowr=$!
  sleep 0.2
  ip netns exec "$NS" ${FLOWREX_TASKSET:-} "$PUBLISH/flowrex" -t "$THREADS" --coordinator 127.0.0.1:$relay_port > /dev/null 2>&1 & local flowrex=$!
  wait $flowr || { cat "$WORK/err.txt" >&2; }
  # NOTE: a flowrex with --coordinator reconnects when the flow ends; it has done its part.
  kill -9 $flowrex $relay 2>/dev/null || true
  wait $flowrex $relay 2>/dev/null || true
  elapsed < "$WORK/out.txt"
}

local_run() {
  in_ns ${FLOWR_TASKSET:-} "$PUBLISH/flowr" -m "examples/$1" $(args_of "$1") 2>/dev/null | elapsed
}

printf '%-16s %8s %12s %12s %12s %8s %8s\n' example delay_us local_s t0_s remote_s t0/local remote/local
for example in $EXAMPLES; do
  for delay in "${DELAYS[@]}"; do
    # Interleaved (local, -t 0, --remote, local, ...) so that the machine's slow spells fall on all three.
    : > "$WORK/l" ; : > "$WORK/z" ; : > "$WORK/r"
    for _ in $(seq "$RUNS"); do
      local_run "$example" >> "$WORK/l"
      remote_run "-t 0" "$example" "$delay" >> "$WORK/z"
      remote_run "--remote" "$example" "$delay" >> "$WORK/r"
    done
    l=$(median < "$WORK/l"); z=$(median < "$WORK/z"); r=$(median < "$WORK/r")
    printf '%-16s %8s %12s %12s %12s %8.2f %8.2f\n' "$example" "$delay" "$l" "$z" "$r" "$(echo "$z / $l" | bc -l)" "$(echo "$r / $l" | bc -l)"
  done
done
