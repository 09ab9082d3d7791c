// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// Local executor threads that pull library jobs from the job service's pending queue, the same
/// queue remote executors are fed from, so whoever is free takes the next job.
/// </summary>
internal sealed class LocalWorkers : IDisposable
{
    private static readonly Func<LocalWorkers, bool> HasWorkOrStop = static self => self._stopping || !self._pending.IsEmpty;
    private readonly MpmcQueue<Job> _pending;
    private readonly ResultQueue _results;
    private readonly IdleWaiter _waiter = new();
    private readonly Thread[] _threads;
    private volatile bool _stopping;

    public LocalWorkers(int threads, MpmcQueue<Job> pending, ResultQueue results)
    {
        _pending = pending;
        _results = results;
        _threads = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"executor-{i}" };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    public void Wake(int count) => _waiter.Wake(Math.Min(count, _threads.Length));

    private void Work()
    {
        while (true)
        {
            if (_pending.TryDequeue(out var job))
            {
                job.Execute();
                _results.Post(job);
                continue;
            }
            if (_stopping) return;
            _waiter.Wait(HasWorkOrStop, this, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _waiter.Wake(_threads.Length);
        bool allStopped = true;
        foreach (var thread in _threads) allStopped &= thread.Join(TimeSpan.FromSeconds(5));
        if (allStopped) _waiter.Dispose();
    }
}
