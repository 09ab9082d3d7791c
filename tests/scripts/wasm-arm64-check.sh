#!/usr/bin/env bash
# Provided functions (WASM) in the arm64 flowr under qemu-aarch64: reverse-echo and mandelbrot give
# the same results as the x64 binary and the examples' expectations, and a trapping module gives an
# error naming the function while the flow finishes. One "PASS"/"FAIL" line per check.
set -uo pipefail
cd "$(dirname "$0")/../.."

root=$(pwd)
x64=$(realpath -m "${FLOWR_X64:-publish/linux-x64/flowr}")
arm64=$(realpath -m "${FLOWR_ARM64:-publish/linux-arm64/flowr}")
qemu=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
failed=0
check() { if [ "$1" = 0 ]; then echo "PASS $2"; else echo "FAIL $2"; failed=1; fi; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# reverse-echo: lines may finish in any order (parallel executor threads)
timeout 120 "${qemu[@]}" "$arm64" examples/reverse-echo <examples/reverse-echo/test.stdin >"$work/rev.out" 2>"$work/rev.err"
check $? "arm64 reverse-echo exits 0 under qemu"
cmp -s <(sort "$work/rev.out") <(sort examples/reverse-echo/expected_unordered.stdout)
check $? "arm64 reverse-echo lines equal expected_unordered.stdout"
[ ! -s "$work/rev.err" ]; check $? "arm64 reverse-echo writes nothing on stderr"

# mandelbrot: the PNG is byte-identical on both architectures
(cd "$work" && timeout 300 "${qemu[@]}" "$arm64" "$root/examples/mandelbrot" arm64.png 2>"$work/m.err")
check $? "arm64 mandelbrot exits 0 under qemu"
(cd "$work" && timeout 60 "$x64" "$root/examples/mandelbrot" x64.png)
cmp -s "$work/arm64.png" "$work/x64.png"; check $? "arm64 mandelbrot image equals the x64 image"
cmp -s "$work/arm64.png" examples/mandelbrot/expected.file; check $? "arm64 mandelbrot image equals expected.file"

# a trapping module: an error result naming the function, and the flow still runs to its end (exit 2: a job failed)
mkdir -p "$work/trap"
cat >"$work/trap/root.toml" <<'TOML'
flow = "trap"

[[process]]
alias = "oob"
source = "oob.toml"
input.default = { once = 1 }

[[process]]
source = "context://stdio/stdout"

[[connection]]
from = "oob"
to = "stdout"
TOML
printf 'function = "oob"\nsource = "oob.wat"\n\n[[input]]\n\n[[output]]\n' >"$work/trap/oob.toml"
echo '(module (memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) (i32.const 1024)) (func (export "run_wasm") (param i32 i32) (result i32) (i32.load (i32.const -16))))' >"$work/trap/oob.wat"
timeout 120 "${qemu[@]}" "$arm64" "$work/trap" >"$work/trap.out" 2>"$work/trap.err"
[ $? -eq 2 ]   # the flow ran to its end with a failed job: exit code 2
check $? "arm64 flow with a trapping module runs to its end with exit code 2"
grep -q "Provided function '/trap/oob': trapped in .*out of bounds memory access" "$work/trap.err"
check $? "arm64 trap error names the function and the reason"

exit $failed
