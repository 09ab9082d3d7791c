// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Wasm.Benchmarks;

/// <summary>The examples' modules, copied next to the benchmark binary, and a trivial text module.</summary>
internal static class Modules
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "modules", name + ".wasm");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>Answers every call with the constant result {"Ok":[1,true]} (no parsing in the guest).</summary>
    public const string ConstantWat = """
        (module
          (memory (export "memory") 1)
          (data (i32.const 0) "{\"Ok\":[1,true]}")
          (func (export "alloc") (param i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            (memory.copy (local.get $p) (i32.const 0) (i32.const 15))
            (i32.const 15)))
        """;
}
