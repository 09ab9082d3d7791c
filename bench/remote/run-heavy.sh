#!/usr/bin/env bash
# Copyright (c) flowr contributors. MIT licence.
# Does a second machine speed up a heavy flow? flowr -t 1 pinned to vCPU 0, alone, against the same with
# --remote and one flowrex -t 1 pinned to vCPU 1 ("the second machine"), joined through a relay that adds a
# one-way delay (bench/tools/delay-relay.c), in a private network namespace. Flow time from flowr -m;
# runs interleaved; prints the medians and the speed-up.
#
#   bench/remote/run-heavy.sh [RUNS] [DELAY_US] [EXAMPLE]     (root; after `make publish RID=linux-x64`)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-11}
DELAY=${2:-250}
EXAMPLE=${3:-mandelbrot-zoom}
PUBLISH=$PWD/publish/linux-x64
NS=flowr-heavy-$$
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
in_ns() { ip netns exec "$NS" "$@"; }
elapsed() { grep -E '^Elapsed time' | sed -E 's/.*: //'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

alone() { in_ns taskset -c 0 "$PUBLISH/flowr" -t 1 -m "examples/$EXAMPLE" | elapsed; }

helped() {
  local job_port=47100 relay_port=47101
  ip netns exec "$NS" "$WORK/delay-relay" $relay_port $job_port "$DELAY" & local relay=$!
  ip netns exec "$NS" taskset -c 0 "$PUBLISH/flowr" -t 1 --remote --job-port $job_port --wait-executors 1 -m "examples/$EXAMPLE" \
    > "$WORK/out.txt" 2>"$WORK/err.txt" & local flowr=$!
  sleep 0.2
  ip netns exec "$NS" taskset -c 1 "$PUBLISH/flowrex" -t 1 --coordinator 127.0.0.1:$relay_port > /dev/null 2>&1 & local flowrex=$!
  wait $flowr || cat "$WORK/err.txt" >&2
  kill -9 $flowrex $relay 2>/dev/null || true
  wait $flowrex $relay 2>/dev/null || true
  elapsed < "$WORK/out.txt"
}

: > "$WORK/a"; : > "$WORK/h"
for _ in $(seq "$RUNS"); do
  alone >> "$WORK/a"
  helped >> "$WORK/h"
done
a=$(median < "$WORK/a"); h=$(median < "$WORK/h")
printf '%s, one-way delay %s us, %s runs: flowr -t 1 alone %s s, with a flowrex on the other vCPU %s s, speed-up %.2f\n' \
  "$EXAMPLE" "$DELAY" "$RUNS" "$a" "$h" "$(echo "$a / $h" | bc -l)"
