// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution.Queues;

namespace Flowr.Runtime.Execution;

/// <summary>
/// Where executors hand finished jobs back to the coordinator: a lock-free queue, plus a waiter
/// the coordinator sleeps on only when nothing is ready and nothing has come back.
/// </summary>
public sealed class ResultQueue : IDisposable
{
    private static readonly Func<MpmcQueue<Job>, bool> HasItem = static queue => !queue.IsEmpty;
    private readonly MpmcQueue<Job> _queue;
    private readonly IdleWaiter _waiter = new();

    /// <param name="capacity">At least the number of jobs that can be in flight, so posting never fails.</param>
    public ResultQueue(int capacity)
    {
        // NOTE: doubled for the same reason as ExecutorThreads' queue: claimed slots are released late.
        _queue = new MpmcQueue<Job>(capacity * 2);
        Capacity = capacity;
    }

    /// <summary>Jobs that may be in flight at once.</summary>
    public int Capacity { get; }

    /// <summary>Hands a finished job back and wakes the coordinator if it sleeps.</summary>
    public void Post(Job job)
    {
        // At most Capacity jobs are in flight in a queue of twice that (MpmcQueue.Enqueue).
        _queue.Enqueue(job);
        _waiter.Wake();
    }

    public bool TryTake([NotNullWhen(true)] out Job? job) => _queue.TryDequeue(out job);

    /// <summary>Waits until a result is there or the timeout passes; false on timeout.</summary>
    public bool WaitForResult(TimeSpan timeout) => _waiter.Wait(HasItem, _queue, timeout);

    public void Dispose() => _waiter.Dispose();
}
