// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Execution.Queues;

/// <summary>
/// Lets consumer threads sleep when there is no work and be woken by producers, without a lock on
/// the path where work is flowing. A consumer spins first (waking a thread parked on the other vCPU
/// costs 35–80 µs on a 2-vCPU guest that halts idle vCPUs at once), then registers as idle, checks once more, and only then
/// blocks. A producer pays one fence and an int read unless somebody is actually asleep.
/// </summary>
public sealed class IdleWaiter : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private int _sleepers;

    /// <summary>Checks while spinning before blocking; every <see cref="YieldEvery"/>th check yields instead.</summary>
    public int SpinRounds { get; init; } = 2000;
    /// <summary>How often a spinning check yields the CPU, so a producer sharing this core can run.</summary>
    public int YieldEvery { get; init; } = 16;

    /// <summary>
    /// Waits until <paramref name="hasWork"/> is true or <paramref name="timeout"/> passes.
    /// Returns false on timeout.
    /// </summary>
    public bool Wait<TState>(Func<TState, bool> hasWork, TState state, TimeSpan timeout)
    {
        for (int i = 1; i <= SpinRounds; i++)
        {
            if (hasWork(state)) return true;
            // Short spins keep the hand-off latency low across cores; the periodic yield lets a
            // producer on this same core run instead of waiting for our time slice to end.
            if (i % YieldEvery == 0) Thread.Yield();
            else Thread.SpinWait(4);
        }
        Interlocked.Increment(ref _sleepers);
        try
        {
            // NOTE: the increment above is a full fence, so either the producer sees us asleep and
            // releases, or we see its item here.
            if (hasWork(state)) return true;
            return _signal.Wait(timeout) || hasWork(state);
        }
        finally
        {
            Interlocked.Decrement(ref _sleepers);
        }
    }

    /// <summary>Wakes up to <paramref name="count"/> sleeping consumers; call after publishing work.</summary>
    public void Wake(int count = 1)
    {
        Interlocked.MemoryBarrier();
        int sleepers = Volatile.Read(ref _sleepers);
        if (sleepers > 0) _signal.Release(Math.Min(count, sleepers));
    }

    public void Dispose() => _signal.Dispose();
}
