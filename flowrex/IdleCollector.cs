// Copyright (c) flowr contributors. MIT licence.
namespace Flowrex;

/// <summary>
/// Runs the garbage collector when it has not run for a while although memory was allocated. A flowrex
/// allocates about 150 kB a flow (discovery, a session's queues, threads and sockets) and keeps none of
/// it, but the GC starts only once its first-generation budget is used, and that budget is sized from
/// the CPU's caches: tens of MB. Serving short flows, flowrex went hundreds of flows without a single
/// collection (none in 40 flows, 6.7 MB allocated), its resident size climbing all the while; waiting
/// for flowr, it climbs about 16 MB an hour (mDNS browsing).
/// </summary>
internal sealed class IdleCollector : IDisposable
{
    /// <summary>How often allocation is checked.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    /// <summary>Allocation since the last collection that is worth collecting.</summary>
    public const long Threshold = 1 << 20;

    private readonly Timer _timer;
    private long _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
    private int _collections = GC.CollectionCount(0);

    public IdleCollector() => _timer = new Timer(static state => ((IdleCollector)state!).Check(), this, Period, Period);

    public void Dispose() => _timer.Dispose();

    // Timer callbacks do not overlap here: each one takes microseconds, the period is seconds.
    private void Check()
    {
        long allocated = GC.GetTotalAllocatedBytes();
        int collections = GC.CollectionCount(0);
        if (collections != _collections)
        {
            // The GC ran by itself: it is keeping up.
            _collections = collections;
            _allocatedAtLastCollection = allocated;
            return;
        }
        if (allocated - _allocatedAtLastCollection < Threshold) return;
        // A blocking full collection of flowrex's small heap takes about half a millisecond.
        GC.Collect();
        _collections = GC.CollectionCount(0);
        _allocatedAtLastCollection = GC.GetTotalAllocatedBytes();
    }
}
