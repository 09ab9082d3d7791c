;; Claims a result of 2,000,000,000 bytes: over the cap.
(module (memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) (i32.const 1024)) (func (export "run_wasm") (param i32 i32) (result i32) (i32.const 2000000000)))
