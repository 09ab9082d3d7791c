// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// The coordinator loop. The calling thread owns the <see cref="RunState"/>: it hands the jobs the
/// run state creates to the library sink, and gives back the finished jobs executors post through a
/// lock-free queue; the run state retires them in creation order and runs context jobs on this thread
/// at their turn. It sleeps only when no result has come back.
/// </summary>
public sealed class FlowCoordinator
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);
    private readonly RunState _state;
    private readonly ResultQueue _results;
    private readonly IJobSink? _librarySink;
    private volatile string _status = "not started";

    /// <param name="state">The run state; only this coordinator may touch it while it runs.</param>
    /// <param name="results">Where the sink posts finished jobs; it must hold every job the run state may have outstanding.</param>
    /// <param name="librarySink">Runs library and provided jobs; null when the flow has none.</param>
    public FlowCoordinator(RunState state, ResultQueue results, IJobSink? librarySink)
    {
        _state = state;
        _results = results;
        _librarySink = librarySink;
    }

    /// <summary>What the loop is doing now; included in hang diagnostics.</summary>
    public string Status => _status;

    /// <summary>Runs the flow to its end and returns its metrics.</summary>
    public RunMetrics Run(CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        _status = "initializing";
        _state.Init();
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug(_state.Describe());
        while (true)
        {
            _status = "dispatching";
            Dispatch();
            if (_state.IsFinished) break;
            _status = "waiting for a result";
            WaitForResults(cancellation);
            _status = "retiring";
            while (_results.TryTake(out var job)) _state.Complete(job);
        }
        _state.Metrics.Elapsed = clock.Elapsed;
        _status = "finished";
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Flow finished: {_state.Metrics.JobsCreated} jobs, {_state.Metrics.ValuesSent} values sent");
        return _state.Metrics;
    }

    private void Dispatch()
    {
        int submitted = 0;
        while (_state.TryTakeJob(out var job))
        {
            IJobSink sink = _librarySink ?? throw NoLibraryExecutor(job);
            if (!sink.TrySubmit(job))
            {
                // NOTE: sinks hold every job the run state may have outstanding, so this means a broken invariant.
                throw new InvalidOperationException($"executor queue full while dispatching Job#{job.Id}");
            }
            submitted++;
        }
        if (submitted > 0) _librarySink!.Flush(submitted);
    }

    private void WaitForResults(CancellationToken cancellation)
    {
        long since = Stopwatch.GetTimestamp();
        while (!_results.WaitForResult(TimeSpan.FromMilliseconds(250)))
        {
            cancellation.ThrowIfCancellationRequested();
            if (Stopwatch.GetElapsedTime(since) >= StatusInterval)
            {
                since = Stopwatch.GetTimestamp();
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Still waiting for {_state.RunningJobs} job(s)\n{_state.Describe()}");
            }
        }
    }

    private static InvalidOperationException NoLibraryExecutor(Job job) =>
        new($"no executor can run Job#{job.Id} of '{job.FunctionName}': there are no library executor threads (-t 0)");
}
