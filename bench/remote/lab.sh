# Copyright (c) flowr contributors. MIT licence.
# Sourced by the bench/remote scripts (from the repository root): a private network namespace with its
# own loopback (multicast on, as flowr's advertiser needs), our delay relay built in a scratch directory,
# everything removed on exit, and the helpers the scripts share.
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
# The flow time flowr -m prints.
elapsed() { grep -E '^Elapsed time' | sed -E 's/.*: //'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One run of flowr with one flowrex joined through the relay, which holds each chunk DELAY_US one way;
# prints the flow time. FLOWR_PREFIX and FLOWREX_PREFIX go before each binary (e.g. "taskset -c 0").
#   with_flowrex DELAY_US "FLOWR_PREFIX" "FLOWREX_PREFIX" "FLOWREX_ARGS" FLOWR_ARGS...
with_flowrex() {
  local delay=$1 flowr_prefix=$2 flowrex_prefix=$3 flowrex_args=$4
  shift 4
  local job_port=47000 relay_port=47001
  # NOTE: `ip netns exec` execs its command, so $! is the command's own PID.
  ip netns exec "$NS" "$WORK/delay-relay" $relay_port $job_port "$delay" & local relay=$!
  # shellcheck disable=SC2086
  ip netns exec "$NS" $flowr_prefix "$PUBLISH/flowr" --job-port $job_port --wait-executors 1 -m "$@" \
    > "$WORK/out.txt" 2>"$WORK/err.txt" & local flowr=$!
  sleep 0.2
  # shellcheck disable=SC2086
  ip netns exec "$NS" $flowrex_prefix "$PUBLISH/flowrex" $flowrex_args --coordinator 127.0.0.1:$relay_port > /dev/null 2>&1 & local flowrex=$!
  wait $flowr || cat "$WORK/err.txt" >&2
  # NOTE: a flowrex with --coordinator reconnects when the flow ends; it has done its part.
  kill -9 $flowrex $relay 2>/dev/null || true
  wait $flowrex $relay 2>/dev/null || true
  elapsed < "$WORK/out.txt"
}
