#!/usr/bin/env bash
# Runs the arm64 flowr under qemu-aarch64 on examples/fibonacci and compares its output with the
# example's expected output and with the x64 binary's. Prints one "PASS"/"FAIL" line per check.
set -uo pipefail
cd "$(dirname "$0")/../.."

x64=publish/linux-x64/flowr
arm64=publish/linux-arm64/flowr
failed=0
check() { if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2"; failed=1; fi; }

file "$arm64" | grep -q "ARM aarch64"; check $? "arm64 binary is an aarch64 ELF"
expected=examples/fibonacci/expected.stdout
arm_out=$(mktemp); x64_out=$(mktemp)
timeout 120 qemu-aarch64 -L /usr/aarch64-linux-gnu "$arm64" examples/fibonacci >"$arm_out" 2>"$arm_out.err"
check $? "arm64 flowr exits 0 under qemu"
cmp -s "$arm_out" "$expected"; check $? "arm64 output equals expected.stdout"
[ ! -s "$arm_out.err" ]; check $? "arm64 run writes nothing on stderr"
timeout 60 "$x64" examples/fibonacci >"$x64_out"
cmp -s "$arm_out" "$x64_out"; check $? "arm64 output equals the x64 output"
rm -f "$arm_out" "$arm_out.err" "$x64_out"
bash tests/scripts/wasm-arm64-check.sh || failed=1
exit $failed
