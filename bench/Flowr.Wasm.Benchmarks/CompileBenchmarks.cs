// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Wasmtime;

namespace Flowr.Wasm.Benchmarks;

/// <summary>
/// Compiling a module with Wasmtime (what flowr does once per module and process), with the
/// engine settings flowr uses, on a private engine so that flowr's module cache does not hide it.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private Engine _engine = null!;
    private byte[] _reverse = null!;
    private byte[] _escapes = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Loads Wasmtime through flowr's path first.
        _ = Flowr.Runtime.Wasm.WasmModule.FromText("constant.wat", Modules.ConstantWat);
        using var config = new Config().WithEpochInterruption(true).WithMaximumStackSize(2 * 1024 * 1024).WithOptimizationLevel(OptimizationLevel.Speed);
        _engine = new Engine(config);
        _reverse = Modules.Bytes("reverse");
        _escapes = Modules.Bytes("escapes");
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark(Description = "compile reverse.wasm (2 KB)")]
    public void CompileReverse()
    {
        using var module = Module.FromBytes(_engine, "reverse", _reverse);
    }

    [Benchmark(Description = "compile escapes.wasm (3 KB)")]
    public void CompileEscapes()
    {
        using var module = Module.FromBytes(_engine, "escapes", _escapes);
    }
}
