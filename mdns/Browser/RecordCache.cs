// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;

namespace Flowr.Mdns.Browser;

/// <summary>A cached record with its interface, arrival and expiry times (milliseconds, TickCount64).</summary>
internal sealed class CacheEntry(DnsRecord record, int interfaceIndex, long receivedAt, long expiresAt)
{
    public DnsRecord Record { get; set; } = record;

    public int InterfaceIndex { get; } = interfaceIndex;

    public long ReceivedAt { get; set; } = receivedAt;

    public long ExpiresAt { get; set; } = expiresAt;

    /// <summary>How many of the RFC 6762 §5.2 refresh queries (80/85/90/95 % of TTL) were sent.</summary>
    public int RefreshesSent { get; set; }
}

/// <summary>The browser's record cache (RFC 6762 §10). Not thread-safe: the browser holds its lock.</summary>
internal sealed class RecordCache
{
    // A flood of distinct records must not grow memory without bound.
    public const int MaxEntries = 4096;

    private readonly List<CacheEntry> _entries = [];

    public IReadOnlyList<CacheEntry> Entries => _entries;

    /// <summary>
    /// Adds or refreshes a record. RFC 6762 §10.2: a record with the cache-flush bit replaces cached
    /// records of the same name, type and class received more than one second earlier. §10.1: a record
    /// with TTL 0 (goodbye) expires one second later.
    /// </summary>
    public void Add(DnsRecord record, int interfaceIndex, long now)
    {
        if (record.CacheFlush)
        {
            _entries.RemoveAll(e => e.InterfaceIndex == interfaceIndex && e.Record.SameKey(record)
                && !e.Record.SameRdata(record) && now - e.ReceivedAt > 1000);
        }

        long expiresAt = record.Ttl == 0 ? now + 1000 : now + (record.Ttl * 1000L);
        var existing = _entries.Find(e => e.InterfaceIndex == interfaceIndex && e.Record.SameKey(record) && e.Record.SameRdata(record));
        if (existing is not null)
        {
            existing.Record = record;
            existing.ReceivedAt = now;
            existing.ExpiresAt = expiresAt;
            existing.RefreshesSent = 0;
            return;
        }

        if (record.Ttl == 0)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.RemoveAt(0);
        }

        _entries.Add(new CacheEntry(record, interfaceIndex, now, expiresAt));
    }

    /// <summary>Removes expired entries; returns true if any were removed.</summary>
    public bool Expire(long now) => _entries.RemoveAll(e => e.ExpiresAt <= now) > 0;

    public IEnumerable<CacheEntry> Find(string name, ushort type) =>
        _entries.Where(e => e.Record.Type == type && DnsName.TextEquals(e.Record.Name, name));
}
