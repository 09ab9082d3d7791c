// Copyright (c) flowr contributors. MIT licence.
using System.Collections.Concurrent;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>Hand-built flows of flowstdlib adds (and provided functions) whose results go to one context collector.</summary>
internal sealed class TestFlows
{
    private const string Add = "lib://flowstdlib/math/add";

    private TestFlows(FlowManifest manifest, IFunctionImplementation[] implementations, Collector collector)
    {
        Manifest = manifest;
        Implementations = implementations;
        Collected = collector;
    }

    public FlowManifest Manifest { get; }
    public IFunctionImplementation[] Implementations { get; }
    public Collector Collected { get; }
    public string[] Locations => Manifest.Functions.Select(f => f.ImplementationLocation).ToArray();

    /// <summary><paramref name="width"/> independent adds i + 1000, each sending its sum to the collector.</summary>
    public static TestFlows FanOut(int width)
    {
        var functions = new List<FunctionSpec>();
        for (int i = 0; i < width; i++)
        {
            functions.Add(Function(i, Add, [Once(i), Once(1000)], [To(width)]));
        }
        functions.Add(Function(width, "context://test/collect", [new InputSpec()], []));
        return Build(functions);
    }

    /// <summary>A chain of <paramref name="length"/> adds, each adding 1 to the previous sum; every sum is collected.</summary>
    public static TestFlows Chain(int length)
    {
        var functions = new List<FunctionSpec>();
        for (int i = 0; i < length; i++)
        {
            var inputs = new List<InputSpec> { i == 0 ? Once(0) : new InputSpec(), Once(1) };
            var outputs = new List<OutputConnection> { To(length) };
            if (i + 1 < length) outputs.Add(To(i + 1));
            functions.Add(Function(i, Add, inputs, outputs));
        }
        functions.Add(Function(length, "context://test/collect", [new InputSpec()], []));
        return Build(functions);
    }

    /// <summary>
    /// <paramref name="width"/> provided functions (<see cref="WasmIdentity"/>) passing on 2000 + i, and
    /// <paramref name="adds"/> flowstdlib adds i + 1000, all collected.
    /// </summary>
    public static TestFlows ProvidedFanOut(int width, int adds)
    {
        var functions = new List<FunctionSpec>();
        int collector = width + adds;
        for (int i = 0; i < width; i++) functions.Add(Function(i, "identity.wat", [Once(2000 + i)], [To(collector)]));
        for (int i = 0; i < adds; i++) functions.Add(Function(width + i, Add, [Once(i), Once(1000)], [To(collector)]));
        functions.Add(Function(collector, "context://test/collect", [new InputSpec()], []));
        var identity = new WasmFunction("identity", WasmModule.FromText("identity.wat", WasmIdentity));
        return Build(functions, identity);
    }

    /// <summary>A provided function that returns its one input: <c>[v]</c> in, <c>{"Ok":[v,true]}</c> out.</summary>
    public const string WasmIdentity = """
        (module
          (memory (export "memory") 1)
          (data (i32.const 0) "{\"Ok\":[")
          (data (i32.const 16) ",true]}")
          (func (export "alloc") (param $size i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            ;; the value is inside the array's brackets: len - 2 bytes from p + 1
            (memory.copy (i32.add (local.get $p) (i32.const 7)) (i32.add (local.get $p) (i32.const 1)) (i32.sub (local.get $len) (i32.const 2)))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 7))
            (memory.copy (i32.add (local.get $p) (i32.add (local.get $len) (i32.const 5))) (i32.const 16) (i32.const 7))
            (i32.add (local.get $len) (i32.const 12))))
        """;

    private static TestFlows Build(List<FunctionSpec> functions, IFunctionImplementation? provided = null)
    {
        var collector = new Collector();
        var implementations = functions.Select(f =>
        {
            if (f.IsContext) return (IFunctionImplementation)collector;
            if (!f.ImplementationLocation.Contains("://", StringComparison.Ordinal)) return provided!;
            Assert.True(FlowStdLib.TryGetImplementation(f.ImplementationLocation, out var implementation));
            return implementation;
        }).ToArray();
        return new TestFlows(new FlowManifest { Functions = functions }, implementations, collector);
    }

    private static FunctionSpec Function(int id, string location, List<InputSpec> inputs, List<OutputConnection> outputs) => new()
    {
        Id = id,
        FlowId = 0,
        Name = $"f{id}",
        Route = $"/test/f{id}",
        ImplementationLocation = location,
        Inputs = inputs,
        OutputConnections = outputs,
    };

    private static InputSpec Once(long value) => new() { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(value)) };

    private static OutputConnection To(int destination) => new() { DestinationId = destination, DestinationIo = 0, DestinationFlowId = 0 };

    /// <summary>The context function: records every value it receives.</summary>
    internal sealed class Collector : IFunctionImplementation
    {
        public ConcurrentQueue<long> Values { get; } = new();

        public JobOutcome Run(ReadOnlySpan<Value> inputs)
        {
            Assert.True(inputs[0].TryGetInt64(out long value));
            Values.Enqueue(value);
            return JobOutcome.NoOutput(runAgain: true);
        }
    }
}
