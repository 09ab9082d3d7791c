// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// The coordinator loop. The calling thread owns both run states. The committed state runs the flow one
/// job at a time, in an order that depends on the flow alone, and runs its context jobs here; the
/// speculative state runs ahead, handing many jobs to the library sink. Each job the committed state makes
/// takes the speculation's result when the speculation made the same job with the same inputs, and is
/// run directly otherwise. The run is the one-job-at-a-time run whatever runs the jobs and however fast.
/// It sleeps only when no result has come back. When it may (<see cref="InlineJobs"/>), it runs short
/// library jobs itself rather than hand them to an executor thread; then the speculation starts only with
/// the first job worth a thread, since until then the committed state alone is the fastest run.
/// </summary>
public sealed class FlowCoordinator
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(10);
    private readonly RunState _state;
    private readonly RunState? _speculation;
    private readonly ResultQueue _results;
    private readonly IJobSink? _librarySink;
    // NOTE: an enum, not the text: it is stored on every step, and an int store needs no write barrier.
    private volatile Phase _phase;
    private enum Phase { NotStarted, Initializing, Dispatching, WaitingForAResult, Retiring, Finished }
    /// <summary>How long the end of a run waits for speculative jobs still out, so none comes back to a closed queue.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);
    private Job? _waiting;
    private int _pendingFlush;
    private bool _waitingDispatched;
    private bool _restartSpeculation;
    /// <summary>The speculation runs beside the committed state (from the start, or from the first job worth a thread).</summary>
    private bool _speculating;
    /// <summary>Committed jobs in a row that could have run here with nothing out, while speculating.</summary>
    private int _aloneStreak;
    /// <summary>After this many such jobs the speculation stops until a job worth a thread comes again.</summary>
    private const int AloneStreakToStop = 64;
    private int _inFlight;
    private int _maxInFlight;
    private readonly InlineJobs? _inline;
    /// <summary>Speculative jobs run here before the committed state gets a turn to take their results.</summary>
    private const int InlineBatch = 64;

    /// <param name="state">The committed run state; only this coordinator may touch it while it runs.</param>
    /// <param name="results">Where the sink posts finished jobs; it must hold every job the run states may have out.</param>
    /// <param name="librarySink">Runs library and provided jobs; null when the flow has none.</param>
    /// <param name="speculation">
    /// A speculative run state of the same flow (<see cref="RunStateOptions.Speculative"/>), or null to run
    /// one job at a time.
    /// </param>
    /// <param name="runShortJobsHere">
    /// Run short flowstdlib jobs on this thread (<see cref="InlineJobs"/>). Only for a sink of local threads:
    /// an executor elsewhere was asked for to do the work.
    /// </param>
    public FlowCoordinator(RunState state, ResultQueue results, IJobSink? librarySink, RunState? speculation = null, bool runShortJobsHere = false)
    {
        _state = state;
        _speculation = speculation;
        _results = results;
        _librarySink = librarySink;
        if (runShortJobsHere) _inline = new InlineJobs(state);
    }

    /// <summary>Jobs this coordinator ran on its own thread, across its runs.</summary>
    public long JobsRunHere => _inline?.JobsRun ?? 0;

    /// <summary>What the loop is doing now; included in hang diagnostics.</summary>
    public string Status => _phase switch
    {
        Phase.NotStarted => "not started",
        Phase.Initializing => "initializing",
        Phase.Dispatching => "dispatching",
        Phase.WaitingForAResult => "waiting for a result",
        Phase.Retiring => "retiring",
        _ => "finished",
    };

    // ---- Stop and progress, for the runner's signal handling and status line (any thread) ----
    private volatile bool _stopRequested;
    private long _progressCreated;
    private long _progressRetired;
    private int _progressInFlight;
    private int _steps;
    /// <summary>Committed steps between two progress snapshots when no wait comes between them (a mask: 1,024).</summary>
    private const int ProgressEvery = 1023;

    /// <summary>
    /// Asks the loop, from any thread, to create no more jobs, wait for those running, then end the run
    /// as if the flow had finished. Does not wait.
    /// </summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>True once <see cref="RequestStop"/> was called.</summary>
    public bool StopRequested => _stopRequested;

    /// <summary>Jobs of the run created and retired, and jobs running now, as of the loop's last step; readable from any thread.</summary>
    public FlowProgress Progress => new(Volatile.Read(ref _progressCreated), Volatile.Read(ref _progressRetired), Volatile.Read(ref _progressInFlight));

    // Once per loop step, not per job: three ordered stores on the coordinator thread.
    private void PublishProgress()
    {
        long created = _state.Metrics.JobsCreated;
        Volatile.Write(ref _progressCreated, created);
        Volatile.Write(ref _progressRetired, created - _state.RunningJobs);
        Volatile.Write(ref _progressInFlight, _inFlight);
    }

    /// <summary>Runs the flow to its end and returns its metrics.</summary>
    public RunMetrics Run(CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        // [debugger] A run may follow one its observer stopped: nothing of that one is waiting now.
        _waiting = null;
        _waitingDispatched = _restartSpeculation = false;
        _phase = Phase.Initializing;
        _state.Init();
        _state.ContextChangedFlow = false;
        _speculating = _speculation is not null && _inline is null;
        _aloneStreak = 0;
        if (_speculating) _speculation!.SyncFrom(_state);
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug(_state.Describe());
        while (true)
        {
            if (ObserverStopped) break;
            _phase = Phase.Dispatching;
            if (_stopRequested)
            {
                // Nothing new: only the committed state's own job still out is worth its result.
                PublishProgress();
                if (_waiting is null || !_waitingDispatched) break;
            }
            else
            {
                if (AdvanceCommitted())
                {
                    // Jobs run here may go on for the whole run without a wait: the progress still moves.
                    if ((++_steps & ProgressEvery) == 0) PublishProgress();
                    continue;
                }
                bool ranHere = Dispatch();
                PublishProgress();
                if (_state.IsFinished) break;
                if (ranHere) continue;
            }
            _phase = Phase.WaitingForAResult;
            WaitForResults(cancellation);
            _phase = Phase.Retiring;
            while (_results.TryTake(out var job))
            {
                _inFlight--;
                if (job.Speculative)
                {
                    _speculation!.Complete(job);
                    continue;
                }
                // The committed state's own job, run directly: the speculation did not have it.
                _waiting = null;
                _state.Complete(job);
                AfterCommittedStep();
            }
            if (_restartSpeculation) RestartSpeculation();
        }
        PublishProgress();
        _state.Metrics.Elapsed = clock.Elapsed;
        _state.Metrics.MaxJobsInParallel = Math.Max(_maxInFlight, 1);
        if (_state.Observer is { } observer)
        {
            if (!observer.StopRequested && !_stopRequested) observer.RunEnded();
            TakeBackEveryJob(cancellation);
        }
        else if (!_stopRequested)
        {
            DrainSpeculation();
        }
        _phase = Phase.Finished;
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Flow finished: {_state.Metrics.JobsCreated} jobs, {_state.Metrics.ValuesSent} values sent");
        return _state.Metrics;
    }

    /// <summary>
    /// Gives the committed state's waiting job the speculation's result if it is there (true: the state
    /// moved on), or decides to run it directly.
    /// </summary>
    private bool AdvanceCommitted()
    {
        if (_waiting is null)
        {
            if (!_state.TryTakeJob(out var job)) return false;
            _waiting = job;
            _waitingDispatched = false;
        }
        if (_waitingDispatched) return false;
        var waiting = _waiting;
        if (_inline is not null)
        {
            bool alone = _inFlight == 0 && _inline.RunsAlone(waiting, othersReady: _state.ReadyCount > 0);
            if (_speculating)
            {
                // Nothing has gone out for a while: running ahead only doubles the work. It starts again
                // (a fresh copy of the committed state) with the next job worth a thread; the streak keeps
                // that from happening more than once in so many jobs.
                _aloneStreak = alone ? _aloneStreak + 1 : 0;
                if (_aloneStreak == AloneStreakToStop) _speculating = false;
            }
            if (!_speculating)
            {
                // Nothing is out: the committed state alone, running its jobs here, is the fastest run.
                if (alone)
                {
                    RunHere(waiting);
                    return true;
                }
                // A job worth an executor thread: from now on the speculation keeps the threads busy.
                if (_speculation is not null)
                {
                    _speculating = true;
                    _aloneStreak = 0;
                    _speculation.SyncFrom(_state);
                }
            }
        }
        JobOutcome outcome = default;
        var prediction = _speculating ? _speculation!.TryTakePrediction(waiting.FunctionId, waiting.Index, waiting.Inputs, out outcome) : Prediction.Behind;
        switch (prediction)
        {
            case Prediction.Ready:
                waiting.Outcome = outcome;
                Completed(waiting);
                return true;
            case Prediction.Pending:
                return false;
            case Prediction.Diverged:
                _restartSpeculation = true;
                break;
        }
        if (RunsHere(waiting, othersToHandOut: false))
        {
            RunHere(waiting);
            return true;
        }
        Submit(waiting);
        _waitingDispatched = true;
        return false;
    }

    private void RunHere(Job waiting)
    {
        _inline!.Run(waiting);
        Completed(waiting);
    }

    private void Completed(Job waiting)
    {
        _waiting = null;
        _state.Complete(waiting);
        AfterCommittedStep();
        if (_restartSpeculation) RestartSpeculation();
    }

    // A short job always; a medium one only when it is the only job: nothing out, nothing about to go and
    // nothing else to hand out, when the executor threads are idle anyway.
    private bool RunsHere(Job job, bool othersToHandOut) =>
        _inline is not null && (_inline.RunsAnyway(job) || (!othersToHandOut && _inFlight == 0 && _pendingFlush == 0 && _inline.MayRun(job)));

    private void AfterCommittedStep()
    {
        if (!_state.ContextChangedFlow) return;
        _state.ContextChangedFlow = false;
        _restartSpeculation = true;
    }

    private void RestartSpeculation()
    {
        _restartSpeculation = false;
        if (!_speculating) return;
        // NOTE: only between committed jobs: the copy must not see a committed job half done.
        if (_waiting is not null && _waitingDispatched)
        {
            _restartSpeculation = true;
            return;
        }
        _speculation!.SyncFrom(_state);
    }

    /// <summary>Hands out the speculation's jobs; true when it ran some here, so the states moved on without a result.</summary>
    private bool Dispatch()
    {
        int ranHere = 0;
        if (_speculating)
        {
            while (_speculation!.TryTakeJob(out var job))
            {
                // A short job, or the only job to do: run it here, and go on with the jobs its result makes.
                if (RunsHere(job, othersToHandOut: _speculation.JobsToDispatch > 0))
                {
                    _inline!.Run(job);
                    _speculation.Complete(job);
                    if (++ranHere == InlineBatch) break;
                    continue;
                }
                Submit(job);
            }
        }
        if (_pendingFlush > 0)
        {
            _librarySink!.Flush(_pendingFlush);
            _pendingFlush = 0;
        }
        return ranHere > 0;
    }

    private void Submit(Job job)
    {
        IJobSink sink = _librarySink ?? throw NoLibraryExecutor(job);
        if (!sink.TrySubmit(job))
        {
            // NOTE: sinks hold every job the run states may have out, so this means a broken invariant.
            throw new InvalidOperationException($"executor queue full while dispatching Job#{job.Id}");
        }
        _pendingFlush++;
        if (++_inFlight > _maxInFlight) _maxInFlight = _inFlight;
    }

    /// <summary>Takes back speculative jobs still out (predictions the run did not need).</summary>
    private void DrainSpeculation()
    {
        long start = Stopwatch.GetTimestamp();
        while (_inFlight > 0 && Stopwatch.GetElapsedTime(start) < DrainLimit)
        {
            if (!_results.WaitForResult(TimeSpan.FromMilliseconds(50))) continue;
            while (_results.TryTake(out var job))
            {
                _inFlight--;
                if (job.Speculative) _speculation!.Complete(job);
            }
        }
    }

    // [debugger] The committed state's observer may end a run early (to run it again or to quit).
    private bool ObserverStopped => _state.Observer?.StopRequested == true;

    /// <summary>
    /// Jobs handed to executors whose results have not been taken: while an observer holds the coordinator
    /// thread, the speculative jobs running ahead (the committed state's job is never out then).
    /// </summary>
    public int JobsOut => _inFlight;

    /// <summary>
    /// Restarts the speculation from the committed state at the next point between two committed jobs (a
    /// debugger that changed its window). Only on the coordinator thread, from an observer's hook.
    /// </summary>
    public void RequestSpeculationRestart() => _restartSpeculation = true;

    // [debugger] Waits for every job still out, so that none of this run comes back into the next one with a
    // debugger (the speculation keeps or drops it), however long it takes.
    private void TakeBackEveryJob(CancellationToken cancellation)
    {
        while (_inFlight > 0)
        {
            while (_results.TryTake(out var job))
            {
                _inFlight--;
                if (job.Speculative) _speculation!.Complete(job);
            }
            if (_inFlight > 0) WaitForResults(cancellation);
        }
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
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Still waiting for {_inFlight} job(s)\n{_state.Describe()}");
            }
        }
    }

    private static InvalidOperationException NoLibraryExecutor(Job job) =>
        new($"no executor can run Job#{job.Id} of '{job.FunctionName}': there are no library executor threads (-t 0)");
}

/// <summary>A snapshot of a running flow: jobs of the run created and retired, and jobs running now.</summary>
public readonly record struct FlowProgress(long JobsCreated, long JobsRetired, int InFlight);
