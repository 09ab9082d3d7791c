// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;
using Flowr.Debugger.Terminal;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Debugger;

/// <summary>
/// The debugger behind <c>flowr -d</c>. It observes the committed run state's hook points on the
/// coordinator thread and, when a breakpoint, a step or Ctrl-C says so, shows what is happening and
/// prompts for commands; the coordinator waits until the prompt returns, so no job is made, handed out or
/// retired meanwhile (speculative jobs already on executors finish, and their results wait). It never
/// changes the run state except its run parameters, and ends a run only through <see cref="StopRequested"/>.
/// </summary>
internal sealed partial class FlowDebugger : IRunStateObserver
{
    private readonly RunState _state;
    private readonly FlowNames _names;
    private readonly IDebugConsole _console;
    private readonly Func<bool, string> _placement;
    private readonly SpeculationView? _speculation;
    private readonly List<Breakpoint> _breakpoints = [new Breakpoint.OnError()];
    /// <summary>Jobs created and not yet retired: id → function id.</summary>
    private readonly SortedDictionary<long, int> _inFlight = [];
    /// <summary>Values sent over each connection this run, for the report of what was left unused.</summary>
    private readonly Dictionary<OutputConnection, long> _sent = new(ReferenceEqualityComparer.Instance);
    private long _breakAtJob = long.MaxValue;
    private long _watchFrom = long.MaxValue, _watchTo = long.MaxValue;
    private long _undispatchedJob = -1;
    private int _retiringFunction = -1;
    private int _runs;
    private bool _stop, _restart, _ended;
    private volatile bool _interruptRequested;
    private DebugCommand? _last;

    /// <param name="state">The run state it observes; set <see cref="RunState.Observer"/> to this debugger.</param>
    /// <param name="names">Names of the flow's functions.</param>
    /// <param name="console">Where commands come from and output goes.</param>
    /// <param name="placement">Where a job runs, given whether it is a context job: "coordinator thread", "executor threads (4)", …</param>
    /// <param name="speculation">The speculation beside the run, if there is one.</param>
    public FlowDebugger(RunState state, FlowNames names, IDebugConsole console, Func<bool, string> placement, SpeculationView? speculation = null)
    {
        _state = state;
        _names = names;
        _console = console;
        _placement = placement;
        _speculation = speculation;
    }

    public bool StopRequested => _stop;

    /// <summary>Most values shown per input by <c>print</c>.</summary>
    internal int MaxValues { get; set; } = 8;

    /// <summary>Characters shown of one value before it is cut.</summary>
    internal int ValueWidth { get; set; } = 60;

    /// <summary>After a run returned: true (once) when the user asked to run the flow again.</summary>
    public bool TakeRestart()
    {
        bool restart = _restart;
        _restart = false;
        return restart;
    }

    /// <summary>SIGINT while the flow runs: break at the next event; a second one before that ends flowr.</summary>
    public void OnInterrupt(PosixSignalContext context)
    {
        if (_interruptRequested) return;   // not cancelled: the default action ends the process
        context.Cancel = true;
        _interruptRequested = true;
        _console.Write("\nInterrupted: breaking at the next event (Ctrl-C again ends flowr)\n");
    }

    public void RunStarted()
    {
        _inFlight.Clear();
        _sent.Clear();
        _stop = false;
        _ended = false;
        _retiringFunction = -1;
        _undispatchedJob = -1;
        if (_runs++ > 0)
        {
            _console.Write("Running the flow again from its initial state\n");
            return;
        }
        _console.Write($"flowr debugger: {_names.Count} functions, {_state.ReadyCount} ready to run. " +
            "Set breakpoints, then 'r' (or 'c') runs the flow and 's' steps one job; 'h' lists the commands.\n");
        Pause(PauseKind.Start);
    }

    public void JobCreated(Job job)
    {
        _retiringFunction = -1;
        if (_stop) return;
        _inFlight[job.Id] = job.FunctionId;
        string? reason = null;
        if (job.Id >= _breakAtJob)
        {
            reason = "step";
        }
        else if (Find<Breakpoint.OnFunction>(b => b.FunctionId == job.FunctionId) is { } breakpoint)
        {
            reason = "breakpoint on " + breakpoint.Describe(_names);
        }
        else if (TakeInterrupt())
        {
            reason = "interrupted";
        }
        if (reason is null) return;
        _console.Write($"Break before Job #{job.Id} of {_names.Function(job.FunctionId)} ({reason}), to run on the {_placement(job.IsContext)}\n" +
            Inputs(job));
        _undispatchedJob = job.Id;
        Pause(PauseKind.Job);
        _undispatchedJob = -1;
        // Stopped here, the coordinator does not dispatch this job.
        if (_stop) _inFlight.Remove(job.Id);
    }

    public void JobRetiring(Job job)
    {
        _inFlight.Remove(job.Id);
        _retiringFunction = job.FunctionId;
        if (_stop) return;
        bool watched = job.Id >= _watchFrom && job.Id < _watchTo;
        bool interrupted = TakeInterrupt();
        if (watched || interrupted) _console.Write($"Job #{job.Id} of {_names.Function(job.FunctionId)} finished: {Outcome(job.Outcome)}\n");
        if (interrupted) Pause(PauseKind.Event);
    }

    public void JobFailed(Job job)
    {
        if (_stop || (Find<Breakpoint.OnError>(_ => true) is null && !TakeInterrupt())) return;
        _console.Write($"Job #{job.Id} of {_names.Function(job.FunctionId)} failed: {job.Outcome.Error}\n" + Inputs(job));
        Pause(PauseKind.Event);
    }

    public void ValueSending(int sourceId, OutputConnection connection, in Value value)
    {
        _sent[connection] = _sent.GetValueOrDefault(connection) + 1;
        if (_stop) return;
        var source = connection.Source;
        Breakpoint? breakpoint = Find<Breakpoint.OnOutput>(b => b.Matches(sourceId, source))
            ?? (Breakpoint?)Find<Breakpoint.OnInput>(b => b.FunctionId == connection.DestinationId && b.InputIndex == connection.DestinationIo);
        if (breakpoint is null && !TakeInterrupt()) return;
        string from = source.Kind == ConnectionSourceKind.Input
            ? $"{_names.Function(sourceId)} passes on its input '{_names.InputName(sourceId, source.InputIndex)}'"
            : source.Pointer.Length == 0 ? $"{_names.Function(sourceId)} sends its output" : $"{_names.Function(sourceId)} sends its output '{source.Pointer}'";
        string name = connection.Name.Length > 0 ? $" over connection '{connection.Name}'" : "";
        _console.Write($"Break on a value ({(breakpoint is null ? "interrupted" : "breakpoint on " + breakpoint.Describe(_names))}):\n" +
            $"  {from}{name}\n  value: {Show(value)}\n  to:    {_names.Input(connection.DestinationId, connection.DestinationIo)}\n");
        Pause(PauseKind.Event);
    }

    public void BlockMade(int blockedId, int blockingId, int inputIndex)
    {
        if (_stop) return;
        var breakpoint = Find<Breakpoint.OnBlock>(b => b.Matches(blockedId, blockingId));
        if (breakpoint is null && !TakeInterrupt()) return;
        _console.Write($"Block made: {_names.Function(blockedId)} is held back by {_names.Function(blockingId)}, " +
            $"whose input '{_names.InputName(blockingId, inputIndex)}' has values queued; it may be scheduled again once flow {_names.Flow(_names[blockingId].FlowId)} goes idle\n");
        Pause(PauseKind.Event);
    }

    public void FlowUnblocking(int flowId)
    {
        _retiringFunction = -1;
        if (_stop) return;
        var breakpoint = Find<Breakpoint.OnFlowIdle>(b => b.FlowId is null || b.FlowId == flowId);
        if (breakpoint is null && !TakeInterrupt()) return;
        int held = _state.Blocks.Count(b => _names[b.BlockingId].FlowId == flowId);
        _console.Write($"Flow {_names.Flow(flowId)} went idle: it releases the senders it blocked ({held} block(s) held by its functions) and applies its flow initializers\n");
        Pause(PauseKind.Event);
    }

    public void RunEnded()
    {
        _retiringFunction = -1;
        _ended = true;
        var metrics = _state.Metrics;
        _console.Write($"Flow has completed: {metrics.JobsCreated} jobs created, {metrics.ValuesSent} values sent, {metrics.JobErrors} job errors\n");
        string left = StateReport.Leftovers(_state, _names, this);
        if (left.Length > 0) _console.Write("Values left in queues when the flow ended:\n" + left);
        _console.Write("'r' runs the flow again, 'q' (or Ctrl-D) leaves\n");
        Pause(PauseKind.End);
    }

    private T? Find<T>(Func<T, bool> match) where T : Breakpoint
    {
        foreach (var breakpoint in _breakpoints)
        {
            if (breakpoint is T typed && match(typed)) return typed;
        }
        return null;
    }

    private bool TakeInterrupt()
    {
        if (!_interruptRequested) return false;
        _interruptRequested = false;
        return true;
    }

    private string Inputs(Job job)
    {
        if (job.Inputs.Length == 0) return "  (no inputs)\n";
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < job.Inputs.Length; i++)
        {
            text.Append("  ").Append(_names.InputName(job.FunctionId, i)).Append(" = ").Append(Show(job.Inputs[i])).Append('\n');
        }
        return text.ToString();
    }

    private static string Outcome(in JobOutcome outcome)
    {
        if (outcome.IsError) return "error: " + outcome.Error;
        string value = outcome.HasOutput ? "output " + outcome.Output : "no output";
        return outcome.RunAgain ? value : value + ", and it will not run again";
    }

    /// <summary>A value as compact JSON, cut to <see cref="ValueWidth"/> characters.</summary>
    internal string Show(in Value value)
    {
        string text = value.ToString();
        return text.Length <= ValueWidth ? text : text[..Math.Max(1, ValueWidth - 3)] + "...";
    }

    /// <summary>Jobs of the run created and not retired, oldest first, with where they run.</summary>
    internal IEnumerable<(long Job, int Function, string Where)> JobsInFlight() =>
        _inFlight.Select(j => (j.Key, j.Value, (j.Key == _undispatchedJob ? "next, to run on the " : "on the ") + _placement(_names[j.Value].IsContext)));

    /// <summary>The speculation beside the run, if there is one.</summary>
    internal SpeculationView? Speculation => _speculation;

    /// <summary>Where library jobs run, for what the speculation has out.</summary>
    internal string LibraryPlacement => _placement(false);

    /// <summary>Values sent over <paramref name="connection"/> since the run started.</summary>
    internal long SentOver(OutputConnection connection) => _sent.GetValueOrDefault(connection);

    /// <summary>The function whose job is being retired at the current hook, or −1.</summary>
    internal int RetiringFunction => _retiringFunction;
}
