// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Execution;

/// <summary>
/// A fixed set of threads taking jobs from one lock-free queue, running them and posting the
/// results. Used for the local library executors (<c>-t N</c>), for them beside remote executors
/// (over the job service's pending queue, which remote connections drain too) and, with one thread,
/// for context functions, whose jobs must run one at a time in dispatch order.
/// </summary>
public sealed class ExecutorThreads : IJobSink, IDisposable
{
    private static readonly Func<ExecutorThreads, bool> HasWorkOrStop = static self => self._stopping || !self._jobs.IsEmpty;
    private readonly MpmcQueue<Job> _jobs;
    private readonly IdleWaiter _waiter = new();
    private readonly ResultQueue _results;
    private readonly Thread[] _threads;
    private volatile bool _stopping;

    public ExecutorThreads(string name, int threads, int capacity, ResultQueue results)
        // NOTE: twice the jobs that can be in flight: a slot a consumer has claimed but not yet
        // released cannot take a new item (MpmcQueue.Enqueue).
        : this(name, threads, new MpmcQueue<Job>(capacity * 2), results)
    {
    }

    /// <summary>Threads over a queue that others may also fill and drain; <see cref="Flush"/> wakes them.</summary>
    internal ExecutorThreads(string name, int threads, MpmcQueue<Job> jobs, ResultQueue results)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _jobs = jobs;
        _results = results;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name}-{i}" };
            _threads[i].Start();
        }
    }

    public int ThreadCount => _threads.Length;

    public bool TrySubmit(Job job)
    {
        // The coordinator never has more jobs in flight than half this queue (see MpmcQueue.Enqueue).
        _jobs.Enqueue(job);
        return true;
    }

    public void Flush(int submitted)
    {
        if (submitted > 0) _waiter.Wake(submitted);
    }

    private void Work()
    {
        while (true)
        {
            if (_jobs.TryDequeue(out var job))
            {
                job.Execute();
                _results.Post(job);
                continue;
            }
            if (_stopping) return;
            _waiter.Wait(HasWorkOrStop, this, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Stops the threads once the queue is empty and waits for them.</summary>
    public void Dispose()
    {
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
