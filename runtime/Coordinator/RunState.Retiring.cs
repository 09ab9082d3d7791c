// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

// Retiring a job: its sends, its function's refill and re-arming, and what a job that ends its
// function does to the younger jobs of that function.
public sealed partial class RunState
{
    /// <summary>
    /// Retires the oldest outstanding job: sends its outputs in connection order, refills
    /// <c>always</c> inputs and re-arms the function or marks it completed, then applies the
    /// flow-idle rule. The job goes back to the pool.
    /// </summary>
    private void Retire(Job job)
    {
        var function = _functions[job.FunctionId];
        if (_speculative)
        {
            // It stays listed, as the prediction the committed state will take.
            function.OldestUnretired = job.NextOfFunction;
            job.Retired = true;
        }
        else
        {
            function.OldestJob = job.NextOfFunction;
            if (function.OldestJob is null) function.YoungestJob = null;
        }
        function.InFlight--;
        _observer?.JobRetiring(job);
        JobOutcome outcome = job.Done ? job.Outcome : job.PredictedOutcome;
        if (outcome.IsError)
        {
            // NOTE: a speculation's failures are predictions: the committed state reports them if they happen.
            if (!_speculative)
            {
                Metrics.JobErrors++;
                Metrics.FirstJobError ??= $"Job#{job.Id}: {outcome.Error}";
                Log.Error($"Error in Job#{job.Id}: {outcome.Error}");
                _observer?.JobFailed(job);
            }
            // Neither refilled nor completed: the younger jobs took refills that will not come.
            DiscardYoungerJobs(function);
        }
        else
        {
            SendOutputs(function, job, outcome);
            if (outcome.RunAgain)
            {
                foreach (var input in function.Inputs)
                {
                    if (input.HasConstant) input.Refill();
                }
                if (function.QueuedEntries == 0 && function.AvailableSets > 0) MakeReady(function);
            }
            else
            {
                function.Completed = true;
                DiscardYoungerJobs(function);
            }
        }
        RemoveBusy(function);
        FlowIdleCheck(function);
        if (!_speculative)
        {
            ReturnJob(function, job);
        }
        else if (job.IsContext)
        {
            // A simulated sink: the committed state runs the real one and takes nothing from here.
            function.OldestJob = job.NextOfFunction;
            if (function.OldestJob is null) function.YoungestJob = null;
            Release(job);
        }
    }

    /// <summary>
    /// A job that ends its function (run_again = false) or fails voids the jobs of that function
    /// created after it, as if they had never been created: their values go back to the head of their
    /// inputs and their results, when they come, are dropped.
    /// </summary>
    private void DiscardYoungerJobs(RuntimeFunction function)
    {
        int count = function.InFlight;
        if (count == 0) return;
        for (var job = _speculative ? function.OldestUnretired : function.OldestJob; job is not null; job = job.NextOfFunction) _discarding.Add(job);
        var inputs = function.Inputs;
        for (int j = _discarding.Count - 1; j >= 0; j--)
        {
            var job = _discarding[j];
            job.Discarded = true;
            for (int i = 0; i < inputs.Length; i++)
            {
                if (!inputs[i].HasConstant) inputs[i].PushFront(job.Inputs[i]);
            }
            if (_speculative)
            {
                // Out of the count now; back to the pool at once unless it is still out (or still to be handed out).
                _outstanding--;
                if (job.Done) ReturnJob(function, job);
            }
            else if (!job.Dispatched)
            {
                // It will never leave: its turn to be released comes without a result.
                job.Done = true;
            }
        }
        foreach (var input in inputs)
        {
            if (!input.HasConstant) continue;
            // NOTE: every refill still owed was taken by one of these jobs (the oldest job never owes one).
            for (int taken = count - input.Borrowed; taken > 0; taken--) input.PushFront(input.Constant);
            input.Borrowed = 0;
        }
        _discarding.Clear();
        if (_speculative)
        {
            // The job that ended the function stays listed, last.
            var last = function.OldestJob;
            while (last is not null && last.NextOfFunction is not null && !last.NextOfFunction.Discarded) last = last.NextOfFunction;
            if (last is not null) last.NextOfFunction = null;
            function.YoungestJob = last;
            function.OldestUnretired = null;
        }
        else
        {
            function.OldestJob = function.YoungestJob = null;
        }
        function.InFlight = 0;
        function.JobsCreated -= count;
        Metrics.JobsCreated -= count;
        for (int i = 0; i < count; i++) RemoveBusy(function);
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Discarded {count} job(s) of '{function.Spec.DisplayName}' created after the one that ended it");
    }

    private void SendOutputs(RuntimeFunction source, Job job, in JobOutcome outcome)
    {
        foreach (var connection in source.Connections)
        {
            Value value;
            var from = connection.Source;
            if (from.Kind == ConnectionSourceKind.Input)
            {
                value = job.Inputs[from.InputIndex];
            }
            else if (!outcome.HasOutput)
            {
                continue;
            }
            else if (from.Pointer.Length == 0)
            {
                value = outcome.Output;
            }
            else if (!JsonPointer.TryResolve(outcome.Output, from.Pointer, out value))
            {
                continue;
            }
            Send(source, connection, value);
        }
    }

    /// <summary>send_a_value: enqueue, add a block across flows, make the destination ready.</summary>
    private void Send(RuntimeFunction source, OutputConnection connection, in Value value)
    {
        _observer?.ValueSending(source.Id, connection, value);
        Metrics.ValuesSent++;
        var destination = _functions[connection.DestinationId];
        var input = destination.Inputs[connection.DestinationIo];
        bool loopback = ReferenceEquals(source, destination);
        int before = loopback ? 0 : destination.AvailableSets;
        ValueDelivery.Deliver(input, value, connection.DestinationRoute, warn: !_speculative);
        if (loopback) return;
        if (input.Count > 0 && _flowIndex[source.Id] != _flowIndex[destination.Id])
        {
            AddBlock(new Block(destination.Id, connection.DestinationIo, source.Id));
        }
        if (destination.AvailableSets > before) MakeReadyOrBlocked(destination);
    }
}
