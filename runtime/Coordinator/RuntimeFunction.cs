// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Coordinator;

/// <summary>A function's run-time state, owned by the coordinator thread.</summary>
internal sealed class RuntimeFunction
{
    public RuntimeFunction(FunctionSpec spec, IFunctionImplementation implementation, bool onCycle = false)
    {
        Spec = spec;
        Id = spec.Id;
        FlowId = spec.FlowId;
        Implementation = implementation;
        Inputs = new InputQueue[spec.Inputs.Count];
        for (int i = 0; i < Inputs.Length; i++) Inputs[i] = new InputQueue(spec.Inputs[i]);
        Connections = [.. spec.OutputConnections];
        foreach (var input in Inputs) MayRunAhead |= !input.HasConstant;
        IsSink = spec.IsContext && Connections.Length == 0;
        ProducesValues = spec.IsContext && !IsSink;
        Predictable = onCycle && spec.ImplementationLocation.StartsWith(Library.FlowStdLib.UrlPrefix, StringComparison.Ordinal);
    }

    public FunctionSpec Spec { get; }
    // NOTE: copies of the spec's, read on every job: one load rather than two.
    public readonly int Id;
    public readonly int FlowId;
    public IFunctionImplementation Implementation { get; }
    public InputQueue[] Inputs { get; }
    public OutputConnection[] Connections { get; }

    /// <summary>Jobs of this function created and not yet retired (discarded ones excluded).</summary>
    public int InFlight;
    /// <summary>
    /// Its jobs, oldest first, linked by <see cref="Job.NextOfFunction"/>: those not yet retired, and in a
    /// speculative state also those retired and not yet taken by the committed state.
    /// </summary>
    public Job? OldestJob, YoungestJob;
    /// <summary>Speculative state: the first job of the list whose result has not been applied.</summary>
    public Job? OldestUnretired;
    /// <summary>Speculative state: jobs of the speculation before the last restart, oldest first, which may be adopted.</summary>
    public Job? LegacyJob;
    /// <summary>Jobs created since the run began: the index of the next one.</summary>
    public int JobsCreated;
    /// <summary>A context function nothing is connected from (stdout, an image): a speculative state need not run it.</summary>
    public readonly bool IsSink;
    /// <summary>A context function whose outputs feed the flow (args, stdin, files): only the committed state knows what it gives.</summary>
    public readonly bool ProducesValues;
    /// <summary>
    /// A flowstdlib function (cheap, pure and built in) on a loop of connections: a speculation may compute
    /// its results itself, since otherwise each step of the loop waits for the one before. Functions off
    /// loops run ahead without it, and predicting them would only cost the coordinator time.
    /// </summary>
    public readonly bool Predictable;
    /// <summary>
    /// Some input is fed by connections (not only an <c>always</c> constant), so later jobs may be created
    /// while earlier ones run: they take queued values. Other functions run one job at a time.
    /// </summary>
    public readonly bool MayRunAhead;
    /// <summary>A job returned run_again = false: the function never runs again.</summary>
    public bool Completed;
    /// <summary>In the run state's blocked set.</summary>
    public bool InBlockedSet;
    /// <summary>Blocks in which this function is the blocked sender.</summary>
    public int BlockedByCount;
    /// <summary>Entries of this function in the ready queue now.</summary>
    public int QueuedEntries;
    /// <summary>Ready/running entries of this function still counted as busy (docs/runtime.md, "Blocking and flow idle").</summary>
    public int Busy;
    /// <summary>Listed in its flow's flow_blocks set since the flow was last idle.</summary>
    public bool InFlowBlocks;
    /// <summary>Blocks in which this function is the blocking destination.</summary>
    public readonly List<Block> BlocksHeld = [];
    /// <summary>Pool of finished jobs, reused for the next job.</summary>
    public Job? FreeJobs;

    /// <summary>
    /// Becomes a copy of the same function in another run state: its inputs and flags, with no job of its
    /// own (a speculative state restarting from the committed one).
    /// </summary>
    public void CopyStateFrom(RuntimeFunction other)
    {
        for (int i = 0; i < Inputs.Length; i++) Inputs[i].CopyFrom(other.Inputs[i]);
        InFlight = 0;
        OldestJob = YoungestJob = OldestUnretired = null;
        JobsCreated = other.JobsCreated;
        Completed = other.Completed;
        InBlockedSet = other.InBlockedSet;
        BlockedByCount = other.BlockedByCount;
        QueuedEntries = other.QueuedEntries;
        Busy = other.Busy;
        InFlowBlocks = other.InFlowBlocks;
        BlocksHeld.Clear();
        BlocksHeld.AddRange(other.BlocksHeld);
    }

    /// <summary>The number of complete input sets: the minimum queue length (unbounded with no inputs).</summary>
    public int InputSetCount
    {
        get
        {
            if (Inputs.Length == 0) return int.MaxValue;
            int min = Inputs[0].Count;
            for (int i = 1; i < Inputs.Length; i++) min = Math.Min(min, Inputs[i].Count);
            return min;
        }
    }

    /// <summary>True when every input holds a value (or there are none).</summary>
    public bool CanRun
    {
        get
        {
            foreach (var input in Inputs) if (input.Count == 0) return false;
            return true;
        }
    }

    /// <summary>
    /// Input sets a new job could take now, counting the refill every job in flight will put on the
    /// <c>always</c> inputs as it retires (pipelined jobs: a constant is never the input a job waits for).
    /// A function with no inputs has at most one job in flight; one with only constants takes what is queued.
    /// </summary>
    public int AvailableSets
    {
        get
        {
            if (Inputs.Length == 0) return InFlight == 0 ? 1 : 0;
            if (!MayRunAhead) return InputSetCount;
            int min = int.MaxValue;
            foreach (var input in Inputs)
            {
                if (input.HasConstant && InFlight > 0) continue;
                if (input.Count < min) min = input.Count;
            }
            return min;
        }
    }
}

/// <summary>A block: <see cref="Blocking"/> (a destination in another flow) holds back <see cref="Blocked"/> (the sender).</summary>
internal readonly record struct Block(int Blocking, int InputIndex, int Blocked);
