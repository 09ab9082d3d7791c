// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution.Queues;

namespace Flowr.Runtime.Execution;

/// <summary>
/// Where executors hand finished jobs back to the coordinator: a lock-free queue, plus a waiter
/// the coordinator sleeps on only when nothing is ready and nothing has come back. The queue is made
/// with the first result: a run whose jobs all run on the coordinator's thread never needs it.
/// </summary>
public sealed class ResultQueue : IDisposable
{
    private static readonly Func<ResultQueue, bool> HasItem = static self => Volatile.Read(ref self._queue) is { IsEmpty: false };
    private MpmcQueue<Job>? _queue;
    private readonly IdleWaiter _waiter = new();

    /// <param name="capacity">At least the number of jobs that can be in flight, so posting never fails.</param>
    public ResultQueue(int capacity)
    {
        Capacity = capacity;
    }

    /// <summary>Jobs that may be in flight at once.</summary>
    public int Capacity { get; }

    /// <summary>The queue has been made: some result was posted.</summary>
    internal bool Made => Volatile.Read(ref _queue) is not null;

    /// <summary>Hands a finished job back and wakes the coordinator if it sleeps.</summary>
    public void Post(Job job)
    {
        // At most Capacity jobs are in flight in a queue of twice that (MpmcQueue.Enqueue).
        (Volatile.Read(ref _queue) ?? MakeQueue()).Enqueue(job);
        _waiter.Wake();
    }

    public bool TryTake([NotNullWhen(true)] out Job? job)
    {
        if (Volatile.Read(ref _queue) is { } queue) return queue.TryDequeue(out job);
        job = null;
        return false;
    }

    /// <summary>Waits until a result is there or the timeout passes; false on timeout.</summary>
    public bool WaitForResult(TimeSpan timeout) => _waiter.Wait(HasItem, this, timeout);

    // Several executors may post the first results at once: one queue wins, the others use it.
    private MpmcQueue<Job> MakeQueue()
    {
        // NOTE: doubled for the same reason as ExecutorThreads' queue: claimed slots are released late.
        var made = new MpmcQueue<Job>(Capacity * 2);
        return Interlocked.CompareExchange(ref _queue, made, null) ?? made;
    }

    public void Dispose() => _waiter.Dispose();
}
