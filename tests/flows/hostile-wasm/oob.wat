;; Reads below address 0: a trap.
(module (memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) (i32.const 1024)) (func (export "run_wasm") (param i32 i32) (result i32) (i32.load (i32.const -16))))
