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

    // ---- Stop and progress, for the runner's signal handling and status line (any thread) ----
    private volatile bool _stopRequested;
    private long _progressCreated;
    private long _progressRetired;

    /// <summary>
    /// Asks the loop, from any thread, to create no more jobs, retire those in flight, then end the
    /// run as if the flow had finished. Does not wait.
    /// </summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>True once <see cref="RequestStop"/> was called.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Jobs created, retired and in flight, as of the loop's last step; readable from any thread.</summary>
    public FlowProgress Progress
    {
        get
        {
            long retired = Volatile.Read(ref _progressRetired);
            long created = Volatile.Read(ref _progressCreated);
            return new FlowProgress(created, retired, (int)Math.Max(0, created - retired));
        }
    }

    // Once per loop step, not per job: two ordered stores on the coordinator thread.
    private void PublishProgress()
    {
        long created = _state.Metrics.JobsCreated;
        Volatile.Write(ref _progressCreated, created);
        Volatile.Write(ref _progressRetired, created - _state.RunningJobs);
    }

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
            if (!_stopRequested) Dispatch();
            PublishProgress();
            if (_state.IsFinished || (_stopRequested && _state.RunningJobs == 0)) break;
            _status = "waiting for a result";
            WaitForResults(cancellation);
            _status = "retiring";
            while (_results.TryTake(out var job)) _state.Retire(job);
        }
        PublishProgress();
        _state.Metrics.Elapsed = clock.Elapsed;
        _status = "finished";
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Flow finished: {_state.Metrics.JobsCreated} jobs, {_state.Metrics.ValuesSent} values sent");
        return _state.Metrics;
    }

    private void Dispatch()
    {
        int contextJobs = 0, libraryJobs = 0;
        while (_state.RunningJobs < _maxInFlight && _state.TryCreateJob(out var job))
        {
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

    private static InvalidOperationException NoLibraryExecutor(Job job) =>
        new($"no executor can run Job#{job.Id} of '{job.FunctionName}': there are no library executor threads (-t 0)");
}

/// <summary>A snapshot of a running flow: jobs created, retired and in flight.</summary>
public readonly record struct FlowProgress(long JobsCreated, long JobsRetired, int InFlight);
