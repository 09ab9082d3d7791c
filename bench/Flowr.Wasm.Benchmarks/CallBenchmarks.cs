// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Wasm.Benchmarks;

/// <summary>
/// One provided-function call for small inputs, host to WASM and back through the JSON ABI
/// (runtime/Wasm/README.md): serialize the inputs, alloc, copy in, run_wasm, parse the result.
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private WasmFunction _constant = null!;
    private WasmFunction _reverse = null!;
    private WasmFunction _pixelToPoint = null!;
    private WasmFunction _escapes = null!;
    private Value[] _number = null!;
    private Value[] _word = null!;
    private Value[] _pixel = null!;
    private Value[] _outside = null!;

    [GlobalSetup]
    public void Setup()
    {
        _constant = new WasmFunction("/bench/constant", WasmModule.FromText("constant.wat", Modules.ConstantWat));
        _reverse = new WasmFunction("/bench/reverse", WasmModule.Load(Modules.Path("reverse")));
        _pixelToPoint = new WasmFunction("/bench/pixel_to_point", WasmModule.Load(Modules.Path("pixel_to_point")));
        _escapes = new WasmFunction("/bench/escapes", WasmModule.Load(Modules.Path("escapes")));
        _number = [Value.FromInt64(42)];
        _word = [Value.FromString("hello world")];
        _pixel = [ValueJson.Parse("[[-2.2,1.2],[1.0,-1.2]]"), ValueJson.Parse("[60,40]"), ValueJson.Parse("[120,80]")];
        // escapes at once (|c| > 2): measures the call, not the iteration
        _outside = [ValueJson.Parse("[[0,0],[-2.2,1.2]]")];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _constant.Dispose();
        _reverse.Dispose();
        _pixelToPoint.Dispose();
        _escapes.Dispose();
    }

    [Benchmark(Baseline = true, Description = "constant result, input [42]")]
    public JobOutcome Constant() => _constant.Run(_number);

    [Benchmark(Description = "reverse [\"hello world\"]")]
    public JobOutcome Reverse() => _reverse.Run(_word);

    [Benchmark(Description = "pixel_to_point (3 inputs)")]
    public JobOutcome PixelToPoint() => _pixelToPoint.Run(_pixel);

    [Benchmark(Description = "escapes, point outside")]
    public JobOutcome EscapesOutside() => _escapes.Run(_outside);
}
