// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

// Read-only views of the run state, for tests, the debug dump and the debugger, and the debugger's hook.
public sealed partial class RunState
{
    private IRunStateObserver? _observer;

    /// <summary>Called at the run state's rule points (a debugger); null in a normal run, which then pays one null check per rule.</summary>
    public IRunStateObserver? Observer
    {
        get => _observer;
        set => _observer = value;
    }

    /// <summary>How many functions the flow has (ids 0 … count − 1).</summary>
    public int FunctionCount => _functions.Length;

    /// <summary>The <c>-j</c> cap on jobs running at once (0 = none); changing it takes effect at the next job.</summary>
    public int MaxJobs
    {
        get => _options.MaxJobs;
        set => _options.MaxJobs = Math.Max(0, value);
    }

    /// <summary>How ready functions are picked; changing it takes effect at the next job.</summary>
    public ReadyOrder Order
    {
        get => _options.Order;
        set => _options.Order = value;
    }

    /// <summary>Values queued on one input.</summary>
    public int QueuedCount(int functionId, int inputIndex) => _functions[functionId].Inputs[inputIndex].Count;

    /// <summary>True when every input of the function holds a value (or it has none).</summary>
    public bool CanRun(int functionId) => _functions[functionId].CanRun;

    /// <summary>Entries of the function in the ready queue.</summary>
    public int ReadyEntriesOf(int functionId)
    {
        int entries = 0;
        for (int i = 0; i < _ready.Count; i++) if (_ready.PeekAt(i) == functionId) entries++;
        return entries;
    }

    /// <summary>Every block now, in no particular order.</summary>
    public IReadOnlyList<RunBlock> Blocks => [.. _blocks.Select(b => new RunBlock(b.Blocked, b.Blocking, b.InputIndex))];
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
    public int RunningJobsOf(int functionId) => _functions[functionId].Running;

    /// <summary>The values queued on one input, oldest first; at most <paramref name="max"/> of them.</summary>
    public IReadOnlyList<Value> QueuedValues(int functionId, int inputIndex, int max = int.MaxValue)
    {
        var input = _functions[functionId].Inputs[inputIndex];
        int count = input.Count;
        var values = new Value[Math.Min(count, Math.Max(0, max))];
        // A full turn of the ring leaves the queue as it was.
        for (int i = 0; i < count; i++)
        {
            var value = input.Dequeue();
            if (i < values.Length) values[i] = value;
            input.Enqueue(value);
        }
        return values;
    }

    /// <summary>How many blocks exist now.</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>A multi-line description of ready, blocked, running and busy state, for debug logs.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("RunState: running=").Append(_running).Append(" ready=[").AppendJoin(',', ReadyFunctions).Append("] blocks=").Append(_blocks.Count).Append('\n');
        foreach (var function in _functions)
        {
            text.Append("  #").Append(function.Id).Append(' ').Append(function.Spec.DisplayName)
                .Append(" flow=").Append(function.FlowId)
                .Append(" inputs=[").AppendJoin(',', function.Inputs.Select(i => i.Count)).Append(']')
                .Append(" running=").Append(function.Running)
                .Append(function.Completed ? " completed" : "")
                .Append(function.InBlockedSet ? " blocked" : "")
                .Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>A block seen from outside: <see cref="BlockedId"/> (a sender) waits for <see cref="BlockingId"/>'s flow to go idle.</summary>
public readonly record struct RunBlock(int BlockedId, int BlockingId, int InputIndex);
