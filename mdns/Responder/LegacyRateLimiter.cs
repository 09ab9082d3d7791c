// Copyright (c) flowr contributors. MIT licence.
using System.Net;

namespace Flowr.Mdns.Responder;

/// <summary>
/// Token buckets bounding the unicast answers to legacy queries (source port other than 5353). RFC 6762
/// §6.7 says to answer them, but every answer is larger than its query and goes to whatever source
/// address the datagram claims, so a flood would turn the responder into an amplifier. Each source
/// address gets a small burst and a steady rate; all sources together get a larger one, so spoofed
/// source addresses cannot multiply the bound. Not thread-safe: the responder holds its lock.
/// </summary>
internal sealed class LegacyRateLimiter
{
    /// <summary>Answers one source may get at once.</summary>
    public const double SourceBurst = 64;

    /// <summary>
    /// Answers per second one source may get after its burst. Every flowr asks once as it starts, and a
    /// script running small flows one after another starts up to about 60 a second.
    /// </summary>
    public const double SourceRate = 64;

    /// <summary>Answers per second for all sources together, and the burst of that bucket.</summary>
    public const double TotalRate = 256;

    /// <summary>Sources tracked at once; a flood of spoofed addresses must not grow memory.</summary>
    public const int MaxSources = 1024;

    private readonly Dictionary<IPAddress, Bucket> _sources = [];
    private readonly double _sourceBurst;
    private readonly double _sourceRate;
    private readonly double _totalRate;
    private readonly int _maxSources;
    private Bucket _total;

    public LegacyRateLimiter(double sourceBurst = SourceBurst, double sourceRate = SourceRate, double totalRate = TotalRate, int maxSources = MaxSources)
    {
        _sourceBurst = sourceBurst;
        _sourceRate = sourceRate;
        _totalRate = totalRate;
        _maxSources = maxSources;
        _total = new Bucket(totalRate, 0);
    }

    /// <summary>Takes one token for <paramref name="source"/>; false when the answer must be dropped.</summary>
    /// <param name="source">The query's source address.</param>
    /// <param name="nowMs">A monotonic clock in milliseconds (Environment.TickCount64).</param>
    /// <param name="firstDrop">True when this is the first drop for this source since it was last answered.</param>
    public bool TryTake(IPAddress source, long nowMs, out bool firstDrop)
    {
        firstDrop = false;
        if (!_sources.TryGetValue(source, out var bucket))
        {
            if (_sources.Count >= _maxSources && !EvictIdle(nowMs))
            {
                return false;
            }

            bucket = new Bucket(_sourceBurst, nowMs);
        }

        bucket.Refill(nowMs, _sourceBurst, _sourceRate);
        _total.Refill(nowMs, _totalRate, _totalRate);
        bool granted = bucket.Tokens >= 1 && _total.Tokens >= 1;
        if (granted)
        {
            bucket.Tokens--;
            _total.Tokens--;
            bucket.Dropping = false;
        }
        else
        {
            firstDrop = !bucket.Dropping;
            bucket.Dropping = true;
        }

        _sources[source] = bucket;
        return granted;
    }

    /// <summary>Forgets sources whose buckets are full again (idle for long enough); true if room was made.</summary>
    private bool EvictIdle(long nowMs)
    {
        var idle = new List<IPAddress>();
        foreach (var (address, bucket) in _sources)
        {
            var copy = bucket;
            copy.Refill(nowMs, _sourceBurst, _sourceRate);
            if (copy.Tokens >= _sourceBurst)
            {
                idle.Add(address);
            }
        }

        idle.ForEach(a => _sources.Remove(a));
        return _sources.Count < _maxSources;
    }

    private struct Bucket(double tokens, long at)
    {
        public double Tokens = tokens;
        public long At = at;
        public bool Dropping;

        public void Refill(long nowMs, double burst, double perSecond)
        {
            if (nowMs > At)
            {
                Tokens = Math.Min(burst, Tokens + ((nowMs - At) * perSecond / 1000));
                At = nowMs;
            }
        }
    }
}
