// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// The coordinator loop (runtime-semantics.md §7). The calling thread owns the <see cref="RunState"/>:
/// it creates jobs and hands them to executors (context jobs to the context sink, the rest to the
/// library sink), and retires the results they post back through a lock-free queue. It sleeps only
/// when nothing is ready and no result has come back.
/// </summary>
public sealed class FlowCoordinator
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);
    private readonly RunState _state;
    private readonly ResultQueue _results;
    private readonly IJobSink _contextSink;
    private readonly IJobSink? _librarySink;
    private readonly int _maxInFlight;
    private volatile string _status = "not started";
    private int _undispatched; // [debugger] a job created when the observer asked to stop, never dispatched

    /// <param name="state">The run state; only this coordinator may touch it while it runs.</param>
    /// <param name="results">Where the sinks post finished jobs.</param>
    /// <param name="contextSink">Runs context (impure) jobs, one at a time in dispatch order.</param>
    /// <param name="librarySink">Runs library and provided jobs; null when there is none.</param>
    /// <param name="maxInFlight">Jobs allowed in flight at once; no more than any sink's or the result queue's capacity.</param>
    public FlowCoordinator(RunState state, ResultQueue results, IJobSink contextSink, IJobSink? librarySink, int maxInFlight)
    {
        _state = state;
        _results = results;
        _contextSink = contextSink;
        _librarySink = librarySink;
        _maxInFlight = Math.Min(maxInFlight, results.Capacity);
    }

    /// <summary>What the loop is doing now; included in hang diagnostics.</summary>
    public string Status => _status;

    /// <summary>Runs the flow to its end and returns its metrics.</summary>
    public RunMetrics Run(CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        _undispatched = 0;
        _status = "initializing";
        _state.Init();
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug(_state.Describe());
        while (true)
        {
            _status = "dispatching";
            Dispatch();
            if (_state.IsFinished || StopRequested) break;
            _status = "waiting for a result";
            WaitForResults(cancellation);
            _status = "retiring";
            while (_results.TryTake(out var job)) _state.Retire(job);
        }
        _state.Metrics.Elapsed = clock.Elapsed;
        if (StopRequested) AbandonDispatched(cancellation);
        else _state.Observer?.RunEnded();
        _status = "finished";
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Flow finished: {_state.Metrics.JobsCreated} jobs, {_state.Metrics.ValuesSent} values sent");
        return _state.Metrics;
    }

    private void Dispatch()
    {
        int contextJobs = 0, libraryJobs = 0;
        while (_state.RunningJobs < _maxInFlight && _state.TryCreateJob(out var job))
        {
            if (StopRequested) { _undispatched = 1; break; }
            if (Log.IsEnabled(LogLevel.Trace)) Log.Trace($"Job#{job.Id} created for '{job.FunctionName}'");
            bool isContext = job.IsContext;
            IJobSink sink = isContext ? _contextSink : _librarySink ?? throw NoLibraryExecutor(job);
            if (!sink.TrySubmit(job))
            {
                // NOTE: sinks hold at least _maxInFlight jobs, so this means a broken invariant.
                throw new InvalidOperationException($"executor queue full while dispatching Job#{job.Id}");
            }
            if (isContext) contextJobs++; else libraryJobs++;
        }
        _contextSink.Flush(contextJobs);
        _librarySink?.Flush(libraryJobs);
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

    // [debugger] The run state's observer may end a run early (to restart it or quit).
    private bool StopRequested => _state.Observer?.StopRequested == true;

    // [debugger] Waits for every job already dispatched, without retiring it, so no result of an
    // abandoned run reaches the next one.
    private void AbandonDispatched(CancellationToken cancellation)
    {
        int outstanding = _state.RunningJobs - _undispatched;
        while (outstanding > 0)
        {
            while (outstanding > 0 && _results.TryTake(out _)) outstanding--;
            if (outstanding > 0) WaitForResults(cancellation);
        }
    }

    private static InvalidOperationException NoLibraryExecutor(Job job) =>
        new($"no executor can run Job#{job.Id} of '{job.FunctionName}': there are no library executor threads (-t 0)");
}
