// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>Small provided-function modules in WebAssembly text, for the ABI and hostile-module tests.</summary>
internal static class WatModules
{
    // Scratch space starts here; data segments live below it.
    private const int Base = 4096;

    // alloc(size) grows memory so that [Base, Base + size + 64) exists, then returns Base.
    private const string Alloc = """
        (func $ensure (param $end i32)
          (local $pages i32)
          (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
          (if (i32.gt_u (local.get $pages) (memory.size))
            (then (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1))
              (then unreachable)))))
        (func (export "alloc") (param $size i32) (result i32)
          (call $ensure (i32.add (i32.const 4096) (i32.add (local.get $size) (i32.const 64))))
          (i32.const 4096))
        """;

    /// <summary>Returns <c>{"Ok":[&lt;the input array&gt;,true]}</c>: the inputs echoed as one array value.</summary>
    public static string Echo => $$"""
        (module
          (memory (export "memory") 1)
          (data (i32.const 0) "{\"Ok\":[")
          (data (i32.const 16) ",true]}")
          {{Alloc}}
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            (call $ensure (i32.add (local.get $p) (i32.add (local.get $len) (i32.const 64))))
            (memory.copy (i32.add (local.get $p) (i32.const 7)) (local.get $p) (local.get $len))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 7))
            (memory.copy (i32.add (local.get $p) (i32.add (local.get $len) (i32.const 7))) (i32.const 16) (i32.const 7))
            (i32.add (local.get $len) (i32.const 14))))
        """;

    /// <summary>Returns <c>{"Ok":[n,true]}</c> where n counts the calls this instance has served (1-9).</summary>
    public static string CallCounter => $$"""
        (module
          (memory (export "memory") 1)
          (global $calls (mut i32) (i32.const 0))
          (data (i32.const 0) "{\"Ok\":[0,true]}")
          {{Alloc}}
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 15))
            (i32.store8 (i32.add (local.get $p) (i32.const 7)) (i32.add (i32.const 48) (global.get $calls)))
            (i32.const 15)))
        """;

    /// <summary>Always returns <paramref name="result"/> (UTF-8), whatever the input.</summary>
    public static string Constant(string result) => Constant(Encoding.UTF8.GetBytes(result));

    /// <summary>Always returns <paramref name="result"/>, whatever the input.</summary>
    public static string Constant(byte[] result) => $$"""
        (module
          (memory (export "memory") {{Pages(Base + 2 * result.Length + 1024)}})
          (data (i32.const {{Base}}) "{{Escape(result)}}")
          {{Alloc.Replace("4096", (Base + result.Length).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            (call $ensure (i32.add (local.get $p) (i32.const {{result.Length + 64}})))
            (memory.copy (local.get $p) (i32.const {{Base}}) (i32.const {{result.Length}}))
            (i32.const {{result.Length}})))
        """;

    /// <summary>A module with the ABI's exports whose <c>run_wasm</c> body is <paramref name="body"/> (returns an i32).</summary>
    public static string WithRunBody(string body) => $$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}}
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            {{body}}))
        """;

    /// <summary>A module with the ABI's exports whose <c>alloc</c> returns <paramref name="pointer"/>.</summary>
    public static string WithAllocReturning(int pointer) => $$"""
        (module
          (memory (export "memory") 1)
          (func (export "alloc") (param $size i32) (result i32) (i32.const {{pointer}}))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32) (i32.const 0)))
        """;

    public static string InfiniteLoop => WithRunBody("(loop $forever (br $forever)) (i32.const 0)");

    public static string OutOfBounds => WithRunBody("(i32.load (i32.const -16))");

    public static string HugeResult => WithRunBody("(i32.const 1073741824)");

    public static string NegativeResult => WithRunBody("(i32.const -5)");

    public static string Unreachable => WithRunBody("unreachable");

    public static string DeepRecursion => """
        (module
          (memory (export "memory") 1)
          (func $down (param $n i32) (result i32) (call $down (i32.add (local.get $n) (i32.const 1))))
          (func (export "alloc") (param $size i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32) (call $down (i32.const 0))))
        """;

    /// <summary>Tries to grow memory to 1 GiB; traps when the store's memory limit refuses.</summary>
    public static string MemoryHog => WithRunBody(
        "(if (i32.eq (memory.grow (i32.const 16383)) (i32.const -1)) (then unreachable)) (i32.const 0)");

    public static string MissingRun => $$"""
        (module
          (memory (export "memory") 1)
          {{Alloc}})
        """;

    public static string MissingMemory => """
        (module
          (memory 1)
          (func (export "alloc") (param $size i32) (result i32) (i32.const 0))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32) (i32.const 0)))
        """;

    public static string WrongRunSignature => """
        (module
          (memory (export "memory") 1)
          (func (export "alloc") (param $size i32) (result i32) (i32.const 0))
          (func (export "run_wasm") (param $p i32) (result i32) (i32.const 0)))
        """;

    public static string WithImport => """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1)
          (func (export "alloc") (param $size i32) (result i32) (i32.const 0))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32) (i32.const 0)))
        """;

    private static int Pages(int bytes) => (bytes + 65535) / 65536;

    private static string Escape(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes) text.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
