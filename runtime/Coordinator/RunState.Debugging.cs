// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

// What a debugger needs of a run state: its hook, views of inputs and blocks, and the run parameters
// it may change between two hooks.
public sealed partial class RunState
{
    private IRunStateObserver? _observer;

    /// <summary>
    /// Called at the run state's rule points (a debugger); null in a normal run, which then pays one null
    /// check per rule. Only a committed state has one: a speculative state's jobs are predictions nobody sees.
    /// </summary>
    public IRunStateObserver? Observer
    {
        get => _observer;
        set
        {
            if (_speculative && value is not null) throw new InvalidOperationException("a speculative run state has no observer");
            _observer = value;
        }
    }

    /// <summary>A speculative state (<see cref="RunStateOptions.Speculative"/>).</summary>
    public bool IsSpeculative => _speculative;

    /// <summary>How many functions the flow has (ids 0 … count − 1).</summary>
    public int FunctionCount => _functions.Length;

    /// <summary>The most jobs that may ever be outstanding at once: <see cref="RunStateOptions.MaxInFlight"/>, or <c>-j</c> if lower.</summary>
    public int WindowCapacity { get; }

    /// <summary>
    /// Jobs that may be outstanding at once now, from 1 (0 for a speculative state, which then makes no job)
    /// to <see cref="WindowCapacity"/>. A debugger may change it between two hooks; it bounds the jobs created
    /// from then on, and jobs already outstanding stay.
    /// </summary>
    public int Window
    {
        get => _maxOutstanding;
        set => _maxOutstanding = Math.Clamp(value, _speculative ? 0 : 1, WindowCapacity);
    }

    /// <summary>How ready functions are picked; a debugger may change it between two hooks.</summary>
    public ReadyOrder Order
    {
        get => _options.Order;
        set => _options.Order = value;
    }

    /// <summary>Values queued on one input.</summary>
    public int QueuedCount(int functionId, int inputIndex) => _functions[functionId].Inputs[inputIndex].Count;

    /// <summary>The first <paramref name="max"/> values queued on one input, oldest first.</summary>
    public IReadOnlyList<Value> QueuedValues(int functionId, int inputIndex, int max)
    {
        var input = _functions[functionId].Inputs[inputIndex];
        var values = new Value[Math.Min(input.Count, Math.Max(0, max))];
        for (int i = 0; i < values.Length; i++) values[i] = input.PeekAt(i);
        return values;
    }

    /// <summary>True when every input of the function holds a value (or it has none).</summary>
    public bool CanRun(int functionId) => _functions[functionId].CanRun;

    /// <summary>Entries of the function in the ready queue.</summary>
    public int ReadyEntriesOf(int functionId)
    {
        int entries = 0;
        for (int i = 0; i < _ready.Count; i++)
        {
            if (_ready.PeekAt(i) == functionId) entries++;
        }
        return entries;
    }

    /// <summary>Every block now, in no particular order.</summary>
    public IReadOnlyList<RunBlock> Blocks => [.. _blocks.Select(b => new RunBlock(b.Blocked, b.Blocking, b.InputIndex))];
}

/// <summary>A block seen from outside: <see cref="BlockedId"/> (a sender) waits for <see cref="BlockingId"/>'s flow to go idle.</summary>
public readonly record struct RunBlock(int BlockedId, int BlockingId, int InputIndex);
