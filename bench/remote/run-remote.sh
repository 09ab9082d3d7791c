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
# shellcheck source=bench/remote/lab.sh
. bench/remote/lab.sh

args_of() { [ -f "examples/$1/test.args" ] && sed "s|^test.file$|$WORK/out.png|" "examples/$1/test.args" | tr '\n' ' '; true; }

# shellcheck disable=SC2046
remote_run() { with_flowrex "$3" "${FLOWR_TASKSET:-}" "${FLOWREX_TASKSET:-}" "-t $THREADS" $1 "examples/$2" $(args_of "$2"); }

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
