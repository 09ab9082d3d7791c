// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>One function's share of a run: jobs it had, values each input received, and whether it ended blocked.</summary>
public sealed record FunctionActivity(Model.FunctionSpec Function, long? Jobs, IReadOnlyList<long> ValuesReceived, bool Blocked)
{
    /// <summary>The function had no job at all.</summary>
    public bool NeverRan => Jobs == 0;
}

// Read-only views of the run state, for tests and for the debug dump.
public sealed partial class RunState
{
    /// <summary>Function ids in the ready queue, oldest first.</summary>
    public IReadOnlyList<int> ReadyFunctions
    {
        get
        {
            var ids = new int[_ready.Count];
            for (int i = 0; i < ids.Length; i++) ids[i] = _ready.PeekAt(i);
            return ids;
        }
    }

    /// <summary>True when the function is in the blocked set.</summary>
    public bool IsBlocked(int functionId) => _functions[functionId].InBlockedSet;

    /// <summary>True when a job of the function returned run_again = false.</summary>
    public bool IsCompleted(int functionId) => _functions[functionId].Completed;

    /// <summary>Jobs of the function running now.</summary>
    public int RunningJobsOf(int functionId) => _functions[functionId].InFlight;

    /// <summary>The values queued on one input, oldest first.</summary>
    public IReadOnlyList<Value> QueuedValues(int functionId, int inputIndex)
    {
        var input = _functions[functionId].Inputs[inputIndex];
        var values = new Value[input.Count];
        for (int i = 0; i < values.Length; i++) values[i] = input.PeekAt(i);
        return values;
    }

    /// <summary>
    /// What each function did in the run: jobs it had (the values taken from its first input, since a
    /// job takes one from each; null for a function without inputs, which is ready from the start)
    /// and, per input, the values that reached it. Read after the run, for the report on functions
    /// that never ran.
    /// </summary>
    public IReadOnlyList<FunctionActivity> Activity()
    {
        var activity = new FunctionActivity[_functions.Length];
        foreach (var function in _functions)
        {
            var inputs = function.Inputs;
            var received = new long[inputs.Length];
            for (int i = 0; i < inputs.Length; i++) received[i] = inputs[i].Received;
            long? jobs = inputs.Length == 0 ? null : inputs[0].Taken;
            activity[function.Id] = new FunctionActivity(function.Spec, jobs, received, function.InBlockedSet);
        }
        return activity;
    }

    /// <summary>How many blocks exist now.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>A multi-line description of ready, blocked, running and busy state, for debug logs.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("RunState: outstanding=").Append(_outstanding).Append(" next-to-retire=#").Append(_oldestId).Append(" ready=[").AppendJoin(',', ReadyFunctions).Append("] blocks=").Append(_blocks.Count).Append('\n');
        foreach (var function in _functions)
        {
            text.Append("  #").Append(function.Id).Append(' ').Append(function.Spec.DisplayName)
                .Append(" flow=").Append(function.FlowId)
                .Append(" inputs=[").AppendJoin(',', function.Inputs.Select(i => i.Count)).Append(']')
                .Append(" running=").Append(function.InFlight)
                .Append(function.Completed ? " completed" : "")
                .Append(function.InBlockedSet ? " blocked" : "")
                .Append('\n');
        }
        return text.ToString();
    }
}
