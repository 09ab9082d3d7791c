#!/usr/bin/env bash
# The start-up comparison in interleaved rounds: ROUNDS hyperfine runs of RUNS runs of each
# command, in turn starting with each, so that a machine whose speed drifts (a shared VM) moves every
# command alike; prints the median of all runs of each command and its ratio to the plain program. Usage:
#   bench/Startup/rounds.sh [ROUNDS] [RUNS]   (needs publish/linux-x64/flowr and the plain program of run.sh)
# BEFORE=path/to/an/older/flowr adds that binary's fibonacci run, for a before/after in the same rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-10}
runs=${2:-30}
plain=artifacts/startup-plain/plain-fibonacci
flowr=publish/linux-x64/flowr
[ -x "$plain" ] && [ -x "$flowr" ] || { echo "run bench/Startup/run.sh once first (it publishes the plain program)" >&2; exit 1; }
"$flowr" -c examples/fibonacci >/dev/null
trap 'rm -f examples/fibonacci/manifest.json' EXIT
before=()
[ -n "${BEFORE:-}" ] && before=("$BEFORE examples/fibonacci")
commands=("$plain" "$flowr examples/fibonacci" "$flowr examples/fibonacci/manifest.json"
  "$flowr examples/hello-world" "${before[@]}" "$plain --version" "$flowr --version")
out=$(mktemp -d)
for round in $(seq "$rounds"); do
  # Each round starts with a different command: in one hyperfine run, the first command measured
  # here was 0.1-0.3 ms apart from the same command measured second.
  shift=$((round % ${#commands[@]}))
  hyperfine -N --warmup 3 -r "$runs" --export-json "$out/$round.json" \
    "${commands[@]:shift}" "${commands[@]:0:shift}" >/dev/null 2>&1
done
python3 - "$out" "${commands[@]}" <<'PY'
import glob, json, statistics, sys
times = {}
for file in sorted(glob.glob(sys.argv[1] + "/*.json")):
    for result in json.load(open(file))["results"]:
        times.setdefault(result["command"], []).extend(t * 1000 for t in result["times"])
median = {command: statistics.median(values) for command, values in times.items()}
plain_run = next(c for c in median if c.endswith("plain-fibonacci"))
plain_version = next(c for c in median if c.endswith("plain-fibonacci --version"))
print("| command | median ms | quartiles ms | / plain |")
print("|---|---:|---:|---:|")
for command in sys.argv[2:]:
    values = times[command]
    q = statistics.quantiles(values, n=4)
    base = median[plain_version] if command.endswith("--version") else median[plain_run]
    print(f"| `{command}` | {median[command]:.2f} | {q[0]:.2f}–{q[2]:.2f} | {median[command] / base:.2f} |")
PY
rm -rf "$out"
