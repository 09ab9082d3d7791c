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
# shellcheck source=bench/remote/lab.sh
. bench/remote/lab.sh

alone() { in_ns taskset -c 0 "$PUBLISH/flowr" -t 1 -m "examples/$EXAMPLE" | elapsed; }
helped() { with_flowrex "$DELAY" "taskset -c 0" "taskset -c 1" "-t 1" -t 1 --remote "examples/$EXAMPLE"; }

: > "$WORK/a"; : > "$WORK/h"
for _ in $(seq "$RUNS"); do
  alone >> "$WORK/a"
  helped >> "$WORK/h"
done
a=$(median < "$WORK/a"); h=$(median < "$WORK/h")
printf '%s, one-way delay %s us, %s runs: flowr -t 1 alone %s s, with a flowrex on the other vCPU %s s, speed-up %.2f\n' \
  "$EXAMPLE" "$DELAY" "$RUNS" "$a" "$h" "$(echo "$a / $h" | bc -l)"
