// Copyright (c) flowr contributors. MIT licence.
using Flowr.Debugger;
using Flowr.Debugger.Terminal;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Tests.Debugger;

/// <summary>Small compiled flows with names and routes, built by hand, for debugger tests.</summary>
internal sealed class DebugFlow
{
    private readonly List<FunctionSpec> _functions = [];
    private readonly List<IFunctionImplementation> _implementations = [];
    private readonly Dictionary<int, List<OutputConnection>> _connections = [];

    public int Add(string route, Func<Value[], JobOutcome> run, int flow = 0, bool context = false, params (string Name, InputInitializer? Init)[] inputs)
    {
        int id = _functions.Count;
        _connections[id] = [];
        _functions.Add(new FunctionSpec
        {
            Id = id,
            FlowId = flow,
            Name = route[(route.LastIndexOf('/') + 1)..],
            Route = route,
            ImplementationLocation = context ? "context://test/" + route : "lib://test" + route,
            Inputs = [.. inputs.Select(i => new InputSpec { Name = i.Name, Initializer = i.Init, Generic = true })],
            OutputConnections = _connections[id],
        });
        _implementations.Add(new Delegated(run));
        return id;
    }

    public void Connect(int from, int to, int io = 0, string pointer = "", int fromInput = -1, string name = "") =>
        _connections[from].Add(new OutputConnection
        {
            Source = fromInput >= 0 ? ConnectionSource.FromInput(fromInput) : ConnectionSource.FromOutput(pointer),
            DestinationId = to,
            DestinationIo = io,
            DestinationFlowId = _functions[to].FlowId,
            DestinationRoute = _functions[to].Route + "/" + _functions[to].Inputs[io].Name,
            Name = name,
        });

    public IReadOnlyList<FunctionSpec> Functions => _functions;

    /// <summary>The committed run state the debugger observes (one job at a time), or a speculative one beside it.</summary>
    public RunState Build(bool speculative = false) => new(new FlowManifest { Functions = _functions }, _implementations,
        speculative ? new RunStateOptions { MaxInFlight = 63, Speculative = true } : new RunStateOptions { MaxInFlight = 1 });

    public static InputInitializer Once(Value value) => new(InitializerKind.Once, value);

    public static InputInitializer Always(Value value) => new(InitializerKind.Always, value);

    /// <summary>fibonacci: add(i1, i2) → add:i2 and print; add's old i2 → add:i1; stops after the last sum ≤ <paramref name="limit"/>.</summary>
    public static (DebugFlow Flow, List<long> Printed) Fibonacci(long limit = 20)
    {
        var printed = new List<long>();
        var flow = new DebugFlow();
        int add = flow.Add("/fib/add", i =>
        {
            i[0].TryGetInt64(out long a);
            i[1].TryGetInt64(out long b);
            return a + b > limit ? JobOutcome.NoOutput() : JobOutcome.Ok(a + b);
        }, inputs: [("i1", Once(0L)), ("i2", Once(1L))]);
        int print = flow.Add("/fib/print", i =>
        {
            i[0].TryGetInt64(out long n);
            printed.Add(n);
            return JobOutcome.NoOutput();
        }, context: true, inputs: [("", null)]);
        flow.Connect(add, add, 1);
        flow.Connect(add, print, name: "next value");
        flow.Connect(add, add, 0, fromInput: 1, name: "previous");
        return (flow, printed);
    }

    private sealed class Delegated(Func<Value[], JobOutcome> run) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => run(inputs.ToArray());
    }
}

/// <summary>Typed commands from a list (then end of input, as Ctrl-D); everything shown kept as a transcript.</summary>
internal sealed class ScriptedConsole(params string[] lines) : IDebugConsole
{
    private readonly Queue<string> _lines = new(lines);
    private readonly System.Text.StringBuilder _transcript = new();

    public string Transcript => _transcript.ToString();

    public string? ReadLine(string prompt)
    {
        _transcript.Append(prompt);
        if (!_lines.TryDequeue(out string? line))
        {
            _transcript.Append("<end of input>\n");
            return null;
        }
        _transcript.Append(line).Append('\n');
        return line;
    }

    public void Write(string text) => _transcript.Append(text);

    public void Dispose()
    {
    }
}

/// <summary>Runs a flow under the debugger on the test thread, one job at a time, as the coordinator does with no speculation.</summary>
internal sealed class DebugRun
{
    public DebugRun(DebugFlow flow, params string[] commands)
        : this(flow, speculation: false, commands)
    {
    }

    /// <param name="speculation">
    /// Gives the debugger a speculative state to show and resize (this harness does not run it): each restart
    /// the debugger asks for records its window in <see cref="Windows"/>.
    /// </param>
    public DebugRun(DebugFlow flow, bool speculation, params string[] commands)
    {
        State = flow.Build();
        Console = new ScriptedConsole(commands);
        SpeculationView? view = null;
        if (speculation)
        {
            var ahead = flow.Build(speculative: true);
            view = new SpeculationView(ahead, () => 0, () => Windows.Add(ahead.Window));
        }
        Debugger = new FlowDebugger(State, new FlowNames(flow.Functions), Console, context => context ? "coordinator thread" : "executor threads (2)", view);
        State.Observer = Debugger;
    }

    public List<int> Windows { get; } = [];

    public RunState State { get; }
    public ScriptedConsole Console { get; }
    public FlowDebugger Debugger { get; }
    public string Transcript => Console.Transcript;
    public int Runs { get; private set; }

    /// <summary>Runs (and runs again while the user says 'run') until the user leaves; bounded.</summary>
    public DebugRun ToEnd(int maxJobs = 10_000)
    {
        do
        {
            Runs++;
            // Context jobs run inside Init and Complete; a stop at a job's break leaves it unrun.
            State.Init();
            int jobs = 0;
            while (!Debugger.StopRequested && State.TryTakeJob(out var job))
            {
                if (++jobs > maxJobs) throw new InvalidOperationException("flow did not finish");
                job.Execute();
                State.Complete(job);
            }
            if (!Debugger.StopRequested) Debugger.RunEnded();
        }
        while (Debugger.TakeRestart());
        return this;
    }
}
