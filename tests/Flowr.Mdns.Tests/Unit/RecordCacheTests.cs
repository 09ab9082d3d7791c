// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Browser;
using Flowr.Mdns.Dns;
using Xunit;

namespace Flowr.Mdns.Tests.Unit;

public sealed class RecordCacheTests
{
    private static DnsRecord A(string address, uint ttl = 120, bool flush = true) =>
        new() { Name = "host.local", Type = DnsType.A, Ttl = ttl, CacheFlush = flush, Address = IPAddress.Parse(address) };

    [Fact]
    public void CacheFlushReplacesRecordsOlderThanOneSecond()
    {
        var cache = new RecordCache();
        cache.Add(A("10.0.0.1"), 1, now: 0);
        cache.Add(A("10.0.0.2"), 1, now: 500);     // within 1 s: both kept (RFC 6762 §10.2)
        Assert.Equal(2, cache.Find("HOST.local", DnsType.A).Count());
        cache.Add(A("10.0.0.3"), 1, now: 2000);    // flushes both older ones
        Assert.Equal("10.0.0.3", Assert.Single(cache.Find("host.local", DnsType.A)).Record.Address!.ToString());
    }

    [Fact]
    public void SharedRecordsAccumulateAndOtherInterfacesAreUntouched()
    {
        var cache = new RecordCache();
        cache.Add(A("10.0.0.1", flush: false), 1, now: 0);
        cache.Add(A("10.0.0.2", flush: false), 1, now: 5000);
        cache.Add(A("10.0.0.9"), 2, now: 9000);
        Assert.Equal(3, cache.Find("host.local", DnsType.A).Count());
    }

    [Fact]
    public void GoodbyeExpiresAfterOneSecondAndUnknownGoodbyeIsIgnored()
    {
        var cache = new RecordCache();
        cache.Add(A("10.0.0.1"), 1, now: 0);
        cache.Add(A("10.0.0.1", ttl: 0), 1, now: 100);
        cache.Add(A("10.0.0.7", ttl: 0), 1, now: 100);
        Assert.False(cache.Expire(1099));
        Assert.True(cache.Expire(1100));
        Assert.Empty(cache.Entries);
    }

    [Fact]
    public void TtlExpiryAndSizeCap()
    {
        var cache = new RecordCache();
        cache.Add(A("10.0.0.1", ttl: 2), 1, now: 0);
        Assert.False(cache.Expire(1999));
        Assert.True(cache.Expire(2000));
        for (int i = 0; i < RecordCache.MaxEntries + 10; i++)
        {
            cache.Add(new DnsRecord { Name = $"h{i}.local", Type = DnsType.A, Ttl = 120, Address = IPAddress.Loopback }, 1, now: 0);
        }

        Assert.Equal(RecordCache.MaxEntries, cache.Entries.Count);
    }
}
