// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Execution;

/// <summary>
/// A fixed set of threads taking jobs from a lock-free queue, running them and posting the results.
/// Used for the local library executors (<c>-t N</c>) and, beside remote executors, for the local
/// threads of a job service, which take their own queue first and then the jobs remote executors
/// may also take. The local executors' threads, and their queue, come with the first job: a flow whose
/// jobs all run on the coordinator's thread (a chain of short jobs) never pays for them.
/// </summary>
public sealed class ExecutorThreads : IJobSink, IDisposable
{
    /// <summary>One job in this many is timed for an <see cref="IExecutionObserver"/>: timing each would cost more than a small job.</summary>
    private const int TimingSample = 8;
    private static readonly Func<ExecutorThreads, bool> HasWorkOrStop =
        static self => self._stopping || !self._jobs.IsEmpty || (self._steal is { IsEmpty: false });
    // NOTE: made by the coordinator's thread before the threads start, which publishes it to them.
    private MpmcQueue<Job> _jobs;
    private readonly int _capacity;
    private readonly MpmcQueue<Job>? _steal;
    private readonly IExecutionObserver? _observer;
    private readonly IdleWaiter _waiter = new();
    private readonly ResultQueue _results;
    private readonly Thread[] _threads;
    private volatile bool _stopping;
    private bool _started;

    public ExecutorThreads(string name, int threads, int capacity, ResultQueue results)
        // NOTE: twice the jobs that can be in flight: a slot a consumer has claimed but not yet
        // released cannot take a new item (MpmcQueue.Enqueue).
        : this(name, threads, null, results, startNow: false)
    {
        _capacity = capacity * 2;
    }

    /// <summary>
    /// Threads over <paramref name="jobs"/>, taking from <paramref name="steal"/> (filled and drained by
    /// others too) when it is empty; <see cref="Flush"/> or <see cref="Wake"/> wakes them.
    /// </summary>
    internal ExecutorThreads(string name, int threads, MpmcQueue<Job>? jobs, ResultQueue results, MpmcQueue<Job>? steal = null,
        IExecutionObserver? observer = null, bool startNow = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _jobs = jobs!;
        _steal = steal;
        _observer = observer;
        _results = results;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            int index = i;
            _threads[i] = new Thread(() => Work(index)) { IsBackground = true, Name = $"{name}-{i}" };
        }
        if (startNow) Start();
    }

    private void Start()
    {
        _jobs ??= new MpmcQueue<Job>(_capacity);
        _started = true;
        foreach (var thread in _threads) thread.Start();
    }

    public int ThreadCount => _threads.Length;

    /// <summary>The threads have been started (by the first job, or at once for a job service's).</summary>
    internal bool Started => _started;

    public bool TrySubmit(Job job)
    {
        // NOTE: only the coordinator's thread submits, so the first submission starts the threads once.
        if (!_started) Start();
        // The coordinator never has more jobs in flight than half this queue (see MpmcQueue.Enqueue).
        _jobs.Enqueue(job);
        return true;
    }

    public void Flush(int submitted)
    {
        if (submitted > 0) _waiter.Wake(submitted);
    }

    /// <summary>Wakes sleeping threads: jobs they may steal have arrived.</summary>
    internal void Wake(int jobs) => _waiter.Wake(jobs);

    private void Work(int index)
    {
        int count = 0;
        while (true)
        {
            bool stolen = false;
            if (!_jobs.TryDequeue(out var job) && _steal is not null && _steal.TryDequeue(out job)) stolen = true;
            if (job is not null)
            {
                if (_observer is null)
                {
                    if (job.Execute()) _results.Post(job);
                    continue;
                }
                _observer.Taken(job, stolen, index);
                if (++count % TimingSample != 0)
                {
                    if (job.Execute()) _results.Post(job);
                    continue;
                }
                long start = Stopwatch.GetTimestamp();
                bool claimed = job.Execute();
                _observer.Timed(job, Stopwatch.GetTimestamp() - start);
                if (claimed) _results.Post(job);
                continue;
            }
            if (_stopping) return;
            _waiter.Wait(HasWorkOrStop, this, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the threads once the queue is empty and waits for them.</summary>
    public void Dispose()
    {
        if (!_started)
        {
            _waiter.Dispose();
            return;
        }
        _stopping = true;
        _waiter.Wake(_threads.Length);
        bool allStopped = true;
        foreach (var thread in _threads)
        {
            if (thread.Join(TimeSpan.FromSeconds(5))) continue;
            allStopped = false;
            Log.Warn($"executor thread {thread.Name} is still running a job; leaving it behind");
        }
        // A thread still inside a job will touch the waiter again; only dispose when none is.
        if (allStopped) _waiter.Dispose();
    }
}
