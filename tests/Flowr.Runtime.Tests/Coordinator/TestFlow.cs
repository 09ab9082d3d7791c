// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>Builds small compiled flows by hand, with delegate implementations, for run-state tests.</summary>
internal sealed class TestFlow
{
    private readonly List<(string Name, int Flow, List<InputSpec> Inputs, IFunctionImplementation Impl, bool Context)> _functions = [];
    private readonly Dictionary<int, List<OutputConnection>> _connections = [];

    public int Add(string name, Func<Value[], JobOutcome> run, int flow = 0, bool context = false, params InputSpec[] inputs)
    {
        _functions.Add((name, flow, [.. inputs], new Delegated(run), context));
        return _functions.Count - 1;
    }

    public void Connect(int from, int to, int io = 0, string pointer = "")
    {
        Add(from, new OutputConnection
        {
            Source = ConnectionSource.FromOutput(pointer),
            DestinationId = to,
            DestinationIo = io,
            DestinationFlowId = _functions[to].Flow,
            DestinationRoute = $"/{_functions[to].Name}/{io}",
        });
    }

    public void ConnectInput(int from, int inputIndex, int to, int io = 0)
    {
        Add(from, new OutputConnection
        {
            Source = ConnectionSource.FromInput(inputIndex),
            DestinationId = to,
            DestinationIo = io,
            DestinationFlowId = _functions[to].Flow,
        });
    }

    /// <summary>
    /// The run state of the flow, initialized unless <paramref name="init"/> is false (a coordinator initializes
    /// it). With <paramref name="asFlowstdlib"/> the non-context functions are located under flowstdlib, whose
    /// results a speculation may predict.
    /// </summary>
    public RunState Build(RunStateOptions? options = null, bool init = true, bool asFlowstdlib = false)
    {
        string library = asFlowstdlib ? "lib://flowstdlib/test" : "lib://test";
        var specs = _functions.Select((f, id) => new FunctionSpec
        {
            Id = id,
            FlowId = f.Flow,
            Name = f.Name,
            Route = "/test/" + f.Name,
            ImplementationLocation = f.Context ? $"context://test/{f.Name}" : $"{library}/{f.Name}",
            Inputs = f.Inputs,
            OutputConnections = _connections.TryGetValue(id, out var list) ? list : [],
        }).ToArray();
        var state = new RunState(new FlowManifest { Functions = specs }, _functions.Select(f => f.Impl).ToArray(), options);
        if (init) state.Init();
        return state;
    }

    public static InputSpec Input(int order = 0, bool generic = false, InputInitializer? init = null, InputInitializer? flowInit = null) =>
        new() { ArrayOrder = order, Generic = generic, Initializer = init, FlowInitializer = flowInit };

    public static InputInitializer Once(Value value) => new(InitializerKind.Once, value);
    public static InputInitializer Always(Value value) => new(InitializerKind.Always, value);

    private void Add(int from, OutputConnection connection)
    {
        if (!_connections.TryGetValue(from, out var list)) _connections[from] = list = [];
        list.Add(connection);
    }

    private sealed class Delegated(Func<Value[], JobOutcome> run) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => run(inputs.ToArray());
    }
}

/// <summary>Drives a run state on the test thread, one job at a time.</summary>
internal static class Drive
{
    /// <summary>Takes the oldest job created for an executor, runs it and completes it; false when there is none.</summary>
    public static bool Step(RunState state, out Job? job)
    {
        if (!state.TryTakeJob(out job)) return false;
        job.Execute();
        state.Complete(job);
        Assert.Empty(state.CheckInvariants());
        return true;
    }

    /// <summary>Runs until the flow finishes (bounded, so a bug cannot hang the test run).</summary>
    public static int ToEnd(RunState state, int maxJobs = 100_000)
    {
        int jobs = 0;
        while (Step(state, out _))
        {
            if (++jobs > maxJobs) throw new InvalidOperationException("flow did not finish");
        }
        Assert.True(state.IsFinished);
        return jobs;
    }
}
