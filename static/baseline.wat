;; Scorecard Explorer: the WebAssembly features the app's wasm uses, one instruction each.
;; scripts/finish-dist.sh assembles this with exactly the features of its BASELINE list
;; (the build stops if either wasm needs one more), and start.js asks the browser to
;; validate it before it starts the app: a browser that lacks any of them (an old one, or
;; one with WebAssembly switched off) gets the notice of static/crash.js, not a broken page.
(module
  (memory 1)
  (table $t 1 externref)
  ;; multivalue: a function that returns two values.
  (func $two (result i32 i32) (tuple.make 2 (i32.const 1) (i32.const 2)))
  (func $probe
    ;; sign-ext
    (drop (i32.extend8_s (i32.const 0)))
    ;; nontrapping-float-to-int
    (drop (i32.trunc_sat_f64_u (f64.const 0)))
    ;; bulk-memory
    (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
    ;; reference-types
    (drop (table.get $t (i32.const 0)))
    (tuple.drop 2 (call $two))
  )
  ;; mutable-globals: an exported mutable global.
  (global $g (export "g") (mut i32) (i32.const 0))
  (export "probe" (func $probe))
)
