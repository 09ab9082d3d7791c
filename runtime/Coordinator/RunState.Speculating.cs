// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>What the committed state finds when it looks for a speculative job's result.</summary>
public enum Prediction
{
    /// <summary>A job with the same function, index and inputs has a result: use it.</summary>
    Ready,
    /// <summary>Such a job is running: wait for it.</summary>
    Pending,
    /// <summary>The speculation has not made that job yet: run it directly.</summary>
    Behind,
    /// <summary>The speculation made that job with other inputs: it went astray; run the job directly and restart it.</summary>
    Diverged,
}

// The speculative state: it retires each function's jobs in their order, keeps the results until the
// committed state takes them, and can restart as a copy of the committed state at any time, adopting
// the jobs of the old speculation that it makes again.
public sealed partial class RunState
{
    /// <summary>Retires, for each function with a job just completed, its finished jobs in their order.</summary>
    private void RetireCompleted()
    {
        if (_retiring) return;
        _retiring = true;
        try
        {
            while (_completed.Count > 0)
            {
                var function = _functions[_completed.Dequeue()];
                while (function.OldestUnretired is { } job && (job.Done || job.Predicted))
                {
                    Retire(job);
                    CreateJobs();
                }
            }
        }
        finally
        {
            _retiring = false;
        }
    }

    /// <summary>
    /// Speculative state: the result of the job of function <paramref name="functionId"/> with index
    /// <paramref name="index"/>, when that job had exactly <paramref name="inputs"/>. A pure function gives
    /// the same result for the same inputs, so the committed state may use it as its own. A result taken
    /// is gone from here.
    /// </summary>
    public Prediction TryTakePrediction(int functionId, int index, ReadOnlySpan<Value> inputs, out JobOutcome outcome)
    {
        outcome = default;
        var function = _functions[functionId];
        if (index >= function.JobsCreated) return Prediction.Behind;
        // Jobs the committed state ran itself while this speculation was behind are of no more use once retired.
        while (function.OldestJob is { Retired: true } stale && stale.Index < index) Unlist(function, null, stale);
        Job? previous = null;
        var job = function.OldestJob;
        while (job is not null && job.Index < index)
        {
            previous = job;
            job = job.NextOfFunction;
        }
        if (job is null || job.Index != index || !SameInputs(job.Inputs, inputs)) return Prediction.Diverged;
        // A predicted job is retired before its result is back; only that result is committed.
        if (!job.Retired || !job.Done) return Prediction.Pending;
        outcome = job.Outcome;
        Unlist(function, previous, job);
        // Room in the window: the speculation may go further.
        CreateJobs();
        RetireCompleted();
        return Prediction.Ready;
    }

    /// <summary>Takes a retired job out of its function's list and releases it.</summary>
    private void Unlist(RuntimeFunction function, Job? previous, Job job)
    {
        if (previous is null) function.OldestJob = job.NextOfFunction;
        else previous.NextOfFunction = job.NextOfFunction;
        if (function.YoungestJob == job) function.YoungestJob = previous;
        Release(job);
    }

    private static bool SameInputs(Value[] predicted, ReadOnlySpan<Value> actual)
    {
        if (predicted.Length != actual.Length) return false;
        for (int i = 0; i < predicted.Length; i++)
        {
            if (!predicted[i].Equals(actual[i])) return false;
        }
        return true;
    }

    /// <summary>
    /// Speculative state: restarts as a copy of <paramref name="committed"/>, as it is between two jobs (its
    /// one outstanding job, if any, not yet taken from its inputs). The jobs of the old speculation become
    /// legacy: the new one adopts each it makes again with the same inputs, and drops the others.
    /// </summary>
    public void SyncFrom(RunState committed)
    {
        if (!_speculative || committed._speculative) throw new InvalidOperationException("a speculative state copies a committed one");
        _generation++;
        foreach (var function in _functions)
        {
            DropLegacy(function);
            for (var job = function.OldestJob; job is not null; job = job.NextOfFunction) job.Legacy = true;
            function.LegacyJob = function.OldestJob;
        }
        _outbox.Clear();
        _completed.Clear();
        _outstanding = 0;
        _ready.CopyFrom(committed._ready);
        _blocks.Clear();
        foreach (var block in committed._blocks) _blocks.Add(block);
        Array.Copy(committed._flowBusy, _flowBusy, _flowBusy.Length);
        for (int flow = 0; flow < _flowBlocks.Length; flow++)
        {
            _flowBlocks[flow].Clear();
            _flowBlocks[flow].AddRange(committed._flowBlocks[flow]);
        }
        for (int id = 0; id < _functions.Length; id++) _functions[id].CopyStateFrom(committed._functions[id]);
        // The committed state's outstanding job is still to be created here: its inputs go back, and it is next.
        foreach (var function in committed._functions)
        {
            if (function.OldestJob is not { Done: false } outstanding) continue;
            var mine = _functions[function.Id];
            for (int i = 0; i < mine.Inputs.Length; i++) mine.Inputs[i].PushFront(outstanding.Inputs[i]);
            mine.JobsCreated--;
            mine.QueuedEntries++;
            _ready.PushFront(function.Id);
        }
        if (Log.IsEnabled(LogLevel.Trace)) Log.Trace("Speculation restarted from the committed state");
        CreateJobs();
        RetireCompleted();
    }

    /// <summary>
    /// Speculative state, creating the job of <paramref name="function"/> with <paramref name="index"/>: a job
    /// of the old speculation with that index and the inputs now at the head of the inputs, if there is one.
    /// </summary>
    private Job? Adopt(RuntimeFunction function, int index)
    {
        while (function.LegacyJob is { } old && old.Index < index)
        {
            function.LegacyJob = old.NextOfFunction;
            DropLegacyJob(function, old);
        }
        if (function.LegacyJob is not { } candidate || candidate.Index != index) return null;
        function.LegacyJob = candidate.NextOfFunction;
        if (candidate.Discarded || !HeadsAre(function, candidate.Inputs))
        {
            DropLegacyJob(function, candidate);
            return null;
        }
        candidate.Legacy = false;
        candidate.Generation = _generation;
        candidate.NextOfFunction = null;
        candidate.Retired = false;
        return candidate;
    }

    /// <summary>True when the values a new job of <paramref name="function"/> would take are <paramref name="inputs"/>.</summary>
    private static bool HeadsAre(RuntimeFunction function, Value[] inputs)
    {
        var queues = function.Inputs;
        for (int i = 0; i < queues.Length; i++)
        {
            var queue = queues[i];
            ref readonly Value head = ref queue.Count > 0 ? ref queue.Peek() : ref Unsafe.NullRef<Value>();
            if (Unsafe.IsNullRef(in head))
            {
                if (!queue.HasConstant || !queue.Constant.Equals(inputs[i])) return false;
            }
            else if (!head.Equals(inputs[i]))
            {
                return false;
            }
        }
        return true;
    }

    private void DropLegacy(RuntimeFunction function)
    {
        while (function.LegacyJob is { } old)
        {
            function.LegacyJob = old.NextOfFunction;
            DropLegacyJob(function, old);
        }
    }

    private static void DropLegacyJob(RuntimeFunction function, Job job)
    {
        job.Legacy = false;
        // NOTE: a job still out goes back to the pool when it comes back (its generation is old).
        if (job.Done || !job.Dispatched) ReturnJob(function, job);
    }
}
