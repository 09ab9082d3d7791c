#!/usr/bin/env bash
# Runs every test suite, one after another (they start real processes and namespaces; on two
# cores running them side by side only makes them slower), then the arm64 check under qemu and
# the benchmark allocation gate, and prints the totals as "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

passed=0
failed=0
log=$(mktemp)

for project in tests/*/*.Tests.csproj; do
  echo "== dotnet test $project"
  dotnet test "$project" -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  summary=$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -n 1)
  if [ -z "$summary" ]; then
    echo "!! $project produced no test summary (build or runner failure)"
    failed=$((failed + 1))
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+),.*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+),.*/\1/' <<<"$summary")
  passed=$((passed + p))
  failed=$((failed + f))
done

echo "== arm64 flowr under qemu"
bash tests/scripts/arm64-check.sh | tee "$log"
passed=$((passed + $(grep -c '^PASS' "$log")))
failed=$((failed + $(grep -c '^FAIL' "$log")))

echo "== benchmark allocation gate"
bash tests/scripts/bench-gate.sh | tee "$log"
passed=$((passed + $(grep -c '^PASS' "$log")))
failed=$((failed + $(grep -c '^FAIL' "$log")))

rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
