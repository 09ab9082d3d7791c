// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>The text of <c>print</c>, <c>functions</c> and <c>validate</c>, read from the run state's inspection API.</summary>
internal static class StateReport
{
    public static string FunctionList(FlowNames names)
    {
        var text = new StringBuilder();
        for (int id = 0; id < names.Count; id++)
        {
            var function = names[id];
            text.Append("  ").Append(names.Function(id)).Append("  (").Append(function.ImplementationLocation).Append(")\n");
        }
        return text.ToString();
    }

    /// <summary>The whole run: counts, jobs in flight and where, the ready queue, blocks, then one line per function.</summary>
    public static string Overview(RunState state, FlowNames names, FlowDebugger debugger)
    {
        var metrics = state.Metrics;
        var text = new StringBuilder();
        text.Append($"{metrics.JobsCreated} jobs created, {metrics.ValuesSent} values sent, {metrics.JobErrors} job errors; ready order {state.Order.ToString().ToLowerInvariant()}\n");
        AppendJobsInFlight(text, names, debugger, -1);
        AppendSpeculation(text, debugger);
        var ready = state.ReadyFunctions;
        text.Append("Ready: ").Append(ready.Count == 0 ? "nothing" : string.Join(", ", ready.Select(names.Function))).Append('\n');
        AppendBlocks(text, state.Blocks, names);
        text.Append("Functions:\n");
        for (int id = 0; id < names.Count; id++)
        {
            text.Append("  ").Append(names.Function(id)).Append(": ").Append(States(state, id)).Append("; inputs ");
            int inputs = names[id].Inputs.Count;
            if (inputs == 0) text.Append("none");
            for (int i = 0; i < inputs; i++)
            {
                if (i > 0) text.Append(", ");
                text.Append(names.InputName(id, i)).Append(' ').Append(Count(state.QueuedCount(id, i)));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One function: what it is, its states, its inputs with the values queued, its connections and blocks.</summary>
    public static string Function(RunState state, FlowNames names, FlowDebugger debugger, int id)
    {
        var function = names[id];
        var text = new StringBuilder();
        text.Append(names.Function(id)).Append(" (").Append(function.ImplementationLocation).Append("), in flow ").Append(names.Flow(function.FlowId)).Append('\n');
        text.Append("  state: ").Append(States(state, id)).Append('\n');
        AppendJobsInFlight(text, names, debugger, id);
        for (int i = 0; i < function.Inputs.Count; i++)
        {
            var input = function.Inputs[i];
            int count = state.QueuedCount(id, i);
            text.Append("  input ").Append(names.InputName(id, i)).Append(": ").Append(Count(count));
            if (input.Initializer is { } own) text.Append($", initializer {own.Kind.ToString().ToLowerInvariant()} {debugger.Show(own.Value)}");
            if (input.FlowInitializer is { } flow) text.Append($", flow initializer {flow.Kind.ToString().ToLowerInvariant()} {debugger.Show(flow.Value)}");
            text.Append('\n');
            var values = state.QueuedValues(id, i, debugger.MaxValues);
            for (int v = 0; v < values.Count; v++) text.Append("    ").Append(debugger.Show(values[v])).Append('\n');
            if (count > values.Count) text.Append($"    ... and {count - values.Count} more\n");
        }
        foreach (var connection in function.OutputConnections)
        {
            var source = connection.Source;
            string from = source.Kind == ConnectionSourceKind.Input ? $"input '{names.InputName(id, source.InputIndex)}' passed on"
                : source.Pointer.Length == 0 ? "output" : $"output '{source.Pointer}'";
            text.Append("  ").Append(from).Append(" -> ").Append(names.Input(connection.DestinationId, connection.DestinationIo));
            if (connection.Name.Length > 0) text.Append(" ('").Append(connection.Name).Append("')");
            text.Append('\n');
        }
        AppendBlocks(text, state.Blocks.Where(b => b.BlockedId == id || b.BlockingId == id).ToList(), names);
        return text.ToString();
    }

    /// <summary>The invariants of the run state and of the speculation, then the functions that hold values but cannot run.</summary>
    public static string Validate(RunState state, FlowNames names, FlowDebugger debugger)
    {
        var text = new StringBuilder();
        AppendInvariants(text, "Run state", state.CheckInvariants(debugger.RetiringFunction));
        // The speculation is always between two of its steps when the run stops at a hook.
        if (debugger.Speculation is { } speculation) AppendInvariants(text, "Speculation", speculation.CheckInvariants());
        string stalled = Leftovers(state, names, debugger);
        text.Append(stalled.Length == 0 ? "No function holds values it cannot use\n" : "Functions holding values they cannot use yet:\n" + stalled);
        var blocked = Enumerable.Range(0, names.Count).Where(state.IsBlocked).ToList();
        foreach (int id in blocked)
        {
            var by = state.Blocks.Where(b => b.BlockedId == id).Select(b => names.Function(b.BlockingId));
            text.Append($"{names.Function(id)} is blocked by {string.Join(", ", by)}\n");
        }
        return text.ToString();
    }

    private static void AppendInvariants(StringBuilder text, string what, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            text.Append(what).Append(" invariants: all hold (jobs outstanding, busy counts, refills owed, ready queue, blocks, flows)\n");
            return;
        }
        text.Append($"{what} invariants: {problems.Count} broken\n");
        foreach (string problem in problems) text.Append("  ").Append(problem).Append('\n');
    }

    /// <summary>
    /// Functions with values queued that cannot run: which inputs are empty and who feeds them. At the end
    /// of a run this is why a flow printed less than expected.
    /// </summary>
    public static string Leftovers(RunState state, FlowNames names, FlowDebugger debugger)
    {
        var text = new StringBuilder();
        for (int id = 0; id < names.Count; id++)
        {
            var inputs = names[id].Inputs;
            var filled = Enumerable.Range(0, inputs.Count).Where(i => state.QueuedCount(id, i) > 0).ToList();
            if (filled.Count == 0) continue;
            if (state.IsCompleted(id))
            {
                text.Append($"  {names.Function(id)} has completed with values left on {string.Join(", ", filled.Select(i => Describe(state, names, debugger, id, i)))}\n");
                continue;
            }
            if (state.CanRun(id)) continue;
            var empty = Enumerable.Range(0, inputs.Count).Where(i => state.QueuedCount(id, i) == 0).ToList();
            text.Append($"  {names.Function(id)} has {string.Join(", ", filled.Select(i => Describe(state, names, debugger, id, i)))}")
                .Append($" but nothing on {string.Join(", ", empty.Select(i => EmptyInput(names, debugger, id, i)))}\n");
        }
        return text.ToString();
    }

    private static string Describe(RunState state, FlowNames names, FlowDebugger debugger, int id, int input)
    {
        int count = state.QueuedCount(id, input);
        var first = state.QueuedValues(id, input, 1);
        return $"'{names.InputName(id, input)}' ({Count(count)}, first {debugger.Show(first[0])})";
    }

    /// <summary>An empty input and what could fill it: the connections to it (with what they carried this run) and its initializers.</summary>
    private static string EmptyInput(FlowNames names, FlowDebugger debugger, int id, int input)
    {
        var feeders = new List<string>();
        for (int source = 0; source < names.Count; source++)
        {
            foreach (var connection in names[source].OutputConnections)
            {
                if (connection.DestinationId != id || connection.DestinationIo != input) continue;
                var from = connection.Source;
                string part = from.Kind == ConnectionSourceKind.Input ? $" input '{names.InputName(source, from.InputIndex)}' passed on"
                    : from.Pointer.Length == 0 ? "" : $" output '{from.Pointer}'";
                long sent = debugger.SentOver(connection);
                feeders.Add($"{names.Function(source)}{part}, {(sent == 0 ? "nothing sent on it" : sent == 1 ? "1 value sent" : $"{sent} values sent")} this run");
            }
        }
        var spec = names[id].Inputs[input];
        if (spec.Initializer is { Kind: InitializerKind.Always }) feeders.Add("refilled by its always initializer after each job");
        if (spec.FlowInitializer is { Kind: InitializerKind.Always }) feeders.Add("refilled by its flow initializer when its flow goes idle");
        string fedBy = feeders.Count == 0 ? "fed by nothing" : "fed by " + string.Join("; ", feeders);
        return $"'{names.InputName(id, input)}' ({fedBy})";
    }

    private static string States(RunState state, int id)
    {
        var states = new List<string>();
        int ready = state.ReadyEntriesOf(id);
        if (ready > 0) states.Add(ready == 1 ? "ready" : $"ready ({ready} entries)");
        if (state.IsBlocked(id)) states.Add("blocked");
        int running = state.RunningJobsOf(id);
        if (running > 0) states.Add(running == 1 ? "running" : $"running ({running} jobs)");
        if (state.IsCompleted(id)) states.Add("completed");
        if (states.Count == 0) states.Add(state.CanRun(id) ? "can run" : "waiting");
        return string.Join(", ", states);
    }

    private static void AppendJobsInFlight(StringBuilder text, FlowNames names, FlowDebugger debugger, int onlyFunction)
    {
        var jobs = debugger.JobsInFlight().Where(j => onlyFunction < 0 || j.Function == onlyFunction).ToList();
        if (jobs.Count == 0)
        {
            if (onlyFunction < 0) text.Append("Jobs in flight: none\n");
            return;
        }
        text.Append(onlyFunction < 0 ? "Jobs in flight:\n" : "  jobs in flight:\n");
        foreach (var (job, function, where) in jobs)
        {
            text.Append(onlyFunction < 0 ? "  " : "    ").Append($"Job #{job}");
            if (onlyFunction < 0) text.Append(" of ").Append(names.Function(function));
            text.Append(' ').Append(where).Append('\n');
        }
    }

    /// <summary>How far the speculation may run ahead, what it has made and what is out on executors.</summary>
    private static void AppendSpeculation(StringBuilder text, FlowDebugger debugger)
    {
        if (debugger.Speculation is not { } speculation || speculation.Window == 0)
        {
            text.Append("Run ahead: nothing (one job at a time)");
            if (debugger.Speculation is { JobsOut: > 0 } old) text.Append($"; {old.JobsOut} job(s) of an earlier speculation still out");
            text.Append('\n');
            return;
        }
        text.Append($"Run ahead: up to {speculation.Window} job(s) made by the speculation, whose results the run takes when it makes the same jobs; ")
            .Append($"{speculation.MadeAhead} made and not yet taken, {speculation.JobsOut} out on the {debugger.LibraryPlacement}\n");
    }

    private static void AppendBlocks(StringBuilder text, IReadOnlyList<RunBlock> blocks, FlowNames names)
    {
        if (blocks.Count == 0) return;
        text.Append("Blocks:\n");
        foreach (var block in blocks)
        {
            text.Append($"  {names.Function(block.BlockedId)} is held back by {names.Function(block.BlockingId)} (its input '{names.InputName(block.BlockingId, block.InputIndex)}' has values)\n");
        }
    }

    private static string Count(int values) => values switch { 0 => "empty", 1 => "1 value", _ => $"{values} values" };
}
