// Copyright (c) flowr contributors. MIT licence.
using System.Collections.Concurrent;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>Hand-built flows of flowstdlib adds whose results go to one context collector.</summary>
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

    private static TestFlows Build(List<FunctionSpec> functions)
    {
        var collector = new Collector();
        var implementations = functions.Select(f =>
        {
            if (f.IsContext) return (IFunctionImplementation)collector;
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
