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
    /// A source emits <paramref name="depth"/> numbers to each of <paramref name="width"/> adds
    /// (one send per add), whose i2 is the constant 1; the sums go nowhere. Each add runs
    /// its values one after another (its constant is refilled at retire), so up to
    /// <paramref name="width"/> independent jobs are in flight: width × depth jobs in all.
    /// </summary>
    public static RunState FanOut(int width, int depth, RunStateOptions? options = null)
    {
        var numbers = Value.FromArray([.. Enumerable.Range(0, depth).Select(n => Value.FromInt64(n))]);
        var functions = new List<FunctionSpec>
        {
            new()
            {
                Id = 0,
                FlowId = 0,
                Route = "/fan-out/source",
                ImplementationLocation = "lib://bench/source",
                Inputs = [new InputSpec { Initializer = new InputInitializer(InitializerKind.Once, Value.FromInt64(0)) }],
                OutputConnections = [.. Enumerable.Range(1, width).Select(id => new OutputConnection { DestinationId = id, DestinationIo = 0, DestinationFlowId = 0 })],
            },
        };
        for (int id = 1; id <= width; id++)
        {
            functions.Add(new FunctionSpec
            {
                Id = id,
                FlowId = 0,
                Route = $"/fan-out/add{id}",
                ImplementationLocation = "lib://flowstdlib/math/add",
                Inputs = [new InputSpec(), new InputSpec { Initializer = new InputInitializer(InitializerKind.Always, Value.FromInt64(1)) }],
            });
        }
        IFunctionImplementation[] implementations = [new Constant(numbers), .. Enumerable.Repeat(Add, width)];
        return new RunState(new FlowManifest { Functions = functions }, implementations, options);
    }

    /// <summary>The run states flowr runs a flow with: the committed one, one job at a time, and the speculation beside it.</summary>
    public static (RunState Committed, RunState Speculation) AsRun(Func<RunStateOptions, RunState> build) =>
        (build(new RunStateOptions { MaxInFlight = 1 }), build(new RunStateOptions { MaxInFlight = RunStateOptions.DefaultMaxInFlight - 1, Speculative = true }));

    private sealed class Constant(Value value) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Ok(value, runAgain: false);
    }
}
