// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Protocol.Benchmarks;

/// <summary>Hand-built flows of flowstdlib adds whose results go to one context collector.</summary>
internal sealed class BenchFlows
{
    private const string Add = "lib://flowstdlib/math/add";

    private BenchFlows(FlowManifest manifest, IFunctionImplementation[] implementations, Collector collector)
    {
        Manifest = manifest;
        Implementations = implementations;
        Collected = collector;
    }

    public FlowManifest Manifest { get; }
    public IFunctionImplementation[] Implementations { get; }
    public Collector Collected { get; }
    public string[] Locations => Manifest.Functions.Select(f => f.ImplementationLocation).ToArray();

    /// <summary><paramref name="width"/> independent adds i + 1000 whose sums go nowhere: library jobs only.</summary>
    public static BenchFlows FanOut(int width)
    {
        var functions = new List<FunctionSpec>();
        for (int i = 0; i < width; i++)
        {
            functions.Add(Function(i, Add, [Once(i), Once(1000)], []));
        }
        functions.Add(Function(width, "context://test/collect", [new InputSpec()], []));
        return Build(functions);
    }

    /// <summary>A chain of <paramref name="length"/> adds, each adding 1 to the previous sum; the last sum is collected.</summary>
    public static BenchFlows Chain(int length)
    {
        var functions = new List<FunctionSpec>();
        for (int i = 0; i < length; i++)
        {
            var inputs = new List<InputSpec> { i == 0 ? Once(0) : new InputSpec(), Once(1) };
            // Only the last sum is collected: each hop is one library job, no context job.
            var outputs = new List<OutputConnection> { To(i + 1) };
            functions.Add(Function(i, Add, inputs, outputs));
        }
        functions.Add(Function(length, "context://test/collect", [new InputSpec()], []));
        return Build(functions);
    }

    private static BenchFlows Build(List<FunctionSpec> functions)
    {
        var collector = new Collector();
        var implementations = functions.Select(f =>
        {
            if (f.IsContext) return (IFunctionImplementation)collector;
            return FlowStdLib.TryGetImplementation(f.ImplementationLocation, out var implementation) ? implementation : throw new InvalidOperationException(f.ImplementationLocation);
        }).ToArray();
        return new BenchFlows(new FlowManifest { Functions = functions }, implementations, collector);
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

    /// <summary>The context function: counts and sums what it receives.</summary>
    internal sealed class Collector : IFunctionImplementation
    {
        public long Count;
        public long Sum;

        public JobOutcome Run(ReadOnlySpan<Value> inputs)
        {
            inputs[0].TryGetInt64(out long value);
            Count++;
            Sum += value;
            return JobOutcome.NoOutput(runAgain: true);
        }
    }
}
