// Copyright (c) flowr contributors. MIT licence.
namespace Flowrex;

/// <summary>
/// How long flowrex waits before trying again after a failure (a connection refused, a handshake or key
/// refused, a session that ended before doing any work): 100 ms, doubling up to 30 s, each delay drawn
/// between half and all of that bound (jitter, so executors turned away together do not return
/// together). A session that did work resets it.
/// </summary>
internal sealed class ReconnectBackoff(Random random)
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    private TimeSpan _bound = TimeSpan.Zero;

    /// <summary>The delay to wait after one more failure.</summary>
    public TimeSpan NextDelay()
    {
        _bound = _bound == TimeSpan.Zero ? First : TimeSpan.FromTicks(Math.Min(_bound.Ticks * 2, Max.Ticks));
        return TimeSpan.FromTicks((long)(_bound.Ticks * (0.5 + (random.NextDouble() * 0.5))));
    }

    /// <summary>After a session that did work: the next failure waits the shortest delay again.</summary>
    public void Reset() => _bound = TimeSpan.Zero;
}
