#!/usr/bin/env bash
# Runs every test suite, one after another (they start real processes and namespaces; on two
# cores running them side by side only makes them slower), then the arm64 check under qemu and
# the benchmark allocation gate, and prints the totals as "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
log=$(mktemp)
failures=$(mktemp)

for project in tests/*/*.Tests.csproj; do
  echo "== dotnet test $project"
  dotnet test "$project" -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  summary=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "!! $project produced no test summary (build or runner failure)" | tee -a "$failures"
    failed=$((failed + 1))
    continue
  fi
  grep -E '^\s*Failed [^!]' "$log" | sed -E "s|^\s*|$(basename "$project" .csproj): |" >>"$failures"
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
done

echo "== arm64 flowr under qemu"
bash tests/scripts/arm64-check.sh | tee "$log"
passed=$((passed + $(grep -c '^PASS' "$log")))
failed=$((failed + $(grep -c '^FAIL' "$log")))
grep '^FAIL' "$log" >>"$failures"

echo "== benchmark allocation gate"
bash tests/scripts/bench-gate.sh | tee "$log"
passed=$((passed + $(grep -c '^PASS' "$log")))
failed=$((failed + $(grep -c '^FAIL' "$log")))
grep '^FAIL' "$log" >>"$failures"

# What failed, just above the totals, so the tail of a CI log names it.
if [ -s "$failures" ]; then
  echo "== what failed"
  cat "$failures"
fi
rm -f "$log" "$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
