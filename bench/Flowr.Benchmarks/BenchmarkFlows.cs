// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Benchmarks;

/// <summary>
/// The flows the benchmarks run, built in code around the real flowstdlib <c>add</c>:
/// W1, a chain of dependent adds (a loopback: each hop needs the previous result), and W2, a wide
/// fan-out of independent adds.
/// </summary>
internal static class BenchmarkFlows
{
    private static readonly IFunctionImplementation Add =
        FlowStdLib.TryGetImplementation("lib://flowstdlib/math/add", out var add) ? add : throw new InvalidOperationException("no add");

    /// <summary>
    /// add(i1 once long.MaxValue − hops, i2 always 1) with its output looped back to i1: exactly
    /// <paramref name="hops"/> jobs produce a value, then the checked add overflows and the flow ends.
    /// </summary>
    public static RunState Chain(int hops, RunStateOptions? options = null)
    {
        var add = new FunctionSpec
        {
            Id = 0,
            FlowId = 0,
            Route = "/chain/add",
            ImplementationLocation = "lib://flowstdlib/math/add",
            Inputs =
            [
                new InputSpec { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(long.MaxValue - hops)) },
                new InputSpec { Initializer = new InputInitializer(InitializerKind.Always, Value.FromInt64(1)) },
            ],
            OutputConnections = [new OutputConnection { DestinationId = 0, DestinationIo = 0, DestinationFlowId = 0 }],
        };
        return new RunState(new FlowManifest { Functions = [add] }, [Add], options);
    }

    /// <summary>
    /// Two sources emit <paramref name="width"/> numbers each at once; <c>add</c> pairs them up, so
    /// <paramref name="width"/> independent add jobs are ready together; a context sink takes the sums.
    /// </summary>
    public static RunState FanOut(int width, RunStateOptions? options = null)
    {
        var numbers = Value.FromArray([.. Enumerable.Range(0, width).Select(n => Value.FromInt64(n))]);
        var source = new Constant(numbers);
        FunctionSpec Source(int id) => new()
        {
            Id = id,
            FlowId = 0,
            Route = $"/fan-out/source{id}",
            ImplementationLocation = "lib://bench/source",
            Inputs = [new InputSpec { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(0)) }],
            OutputConnections = [new OutputConnection { DestinationId = 2, DestinationIo = id, DestinationFlowId = 0 }],
        };
        var add = new FunctionSpec
        {
            Id = 2,
            FlowId = 0,
            Route = "/fan-out/add",
            ImplementationLocation = "lib://flowstdlib/math/add",
            Inputs = [new InputSpec(), new InputSpec()],
            OutputConnections = [new OutputConnection { DestinationId = 3, DestinationIo = 0, DestinationFlowId = 0 }],
        };
        var sink = new FunctionSpec
        {
            Id = 3,
            FlowId = 0,
            Route = "/fan-out/sink",
            ImplementationLocation = "context://bench/sink",
            Inputs = [new InputSpec()],
        };
        return new RunState(new FlowManifest { Functions = [Source(0), Source(1), add, sink] }, [source, source, Add, Sink.Instance], options);
    }

    private sealed class Constant(Value value) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Ok(value, runAgain: false);
    }

    private sealed class Sink : IFunctionImplementation
    {
        public static readonly Sink Instance = new();
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.NoOutput();
    }
}
