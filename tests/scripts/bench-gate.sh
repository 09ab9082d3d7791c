#!/usr/bin/env bash
# The allocation gate (as Garnet keeps one): runs the per-job and per-packet benchmarks listed in
# bench/allocation-gate.json in BenchmarkDotNet's short mode, one project at a time, and compares
# each one's Allocated column with its limit. Timings are printed but never judged here.
# One PASS/FAIL line per gated benchmark.
set -uo pipefail
cd "$(dirname "$0")/../.."

gate=bench/allocation-gate.json
status=0
for project in $(python3 -c 'import json; print(" ".join(json.load(open("'$gate'"))))'); do
  artifacts=$(mktemp -d)
  filters=$(python3 -c 'import json,sys; print(" ".join("*"+k+"*" for k in json.load(open("'$gate'"))[sys.argv[1]]))' "$project")
  # shellcheck disable=SC2086
  if ! dotnet run -c Release --project "$project" -- --job short --filter $filters \
       --exporters csv --artifacts "$artifacts" >"$artifacts/run.log" 2>&1; then
    tail -n 30 "$artifacts/run.log"
    echo "FAIL $project: benchmarks did not run"
    status=1
    continue
  fi
  python3 - "$gate" "$project" "$artifacts" <<'PY' || { status=1; grep -iE -B2 -A12 "exception|error" "$artifacts/run.log" | head -n 60; }
import csv, glob, json, sys
gate = json.load(open(sys.argv[1]))[sys.argv[2]]
rows = {}
for path in glob.glob(sys.argv[3] + "/results/*-report.csv"):
    klass = path.split("/")[-1].split("-report")[0].split(".")[-1]
    for row in csv.DictReader(open(path)):
        rows[f"{klass}.{row['Method']}"] = row
failed = False
for name, limit in gate.items():
    row = rows.get(name)
    if row is None:
        print(f"FAIL {name}: no result"); failed = True; continue
    if row.get("Mean", "NA").strip() in ("NA", ""):
        print(f"FAIL {name}: the benchmark did not run (Mean is NA)"); failed = True; continue
    if "Allocated" not in row:
        print(f"FAIL {name}: no Allocated column (is [MemoryDiagnoser] on?)"); failed = True; continue
    text = row["Allocated"].strip()
    value = 0
    if text not in ("-", "0 B", ""):
        number, unit = text.split()
        value = float(number.replace(",", "")) * {"B": 1, "KB": 1024, "MB": 1024 * 1024}[unit]
    verdict = "PASS" if value <= limit else "FAIL"
    failed |= verdict == "FAIL"
    print(f"{verdict} {name}: allocated {text or '0 B'} per operation (limit {limit} B), mean {row.get('Mean')}")
sys.exit(1 if failed else 0)
PY
  rm -rf "$artifacts"
done
exit $status
