// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Responder;
using Xunit;

namespace Flowr.Mdns.Tests.Unit;

public sealed class LegacyRateLimiterTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    private static int Granted(LegacyRateLimiter limiter, IPAddress source, int tries, long now)
    {
        int granted = 0;
        for (int i = 0; i < tries; i++)
        {
            if (limiter.TryTake(source, now, out _))
            {
                granted++;
            }
        }

        return granted;
    }

    [Fact]
    public void OneSourceGetsItsBurstThenItsRate()
    {
        var limiter = new LegacyRateLimiter();
        Assert.Equal((int)LegacyRateLimiter.SourceBurst, Granted(limiter, A, 10_000, 1000));

        // Half a second later: half a second's worth, however many ask.
        Assert.Equal((int)(LegacyRateLimiter.SourceRate / 2), Granted(limiter, A, 10_000, 1500));
    }

    [Fact]
    public void FirstDropIsReportedOncePerEpisode()
    {
        var limiter = new LegacyRateLimiter();
        Granted(limiter, A, (int)LegacyRateLimiter.SourceBurst, 1000);
        Assert.False(limiter.TryTake(A, 1000, out bool first));
        Assert.True(first);
        Assert.False(limiter.TryTake(A, 1000, out first));
        Assert.False(first);
        // Answered again a second later; the next episode of drops is reported again.
        while (limiter.TryTake(A, 2000, out first))
        {
        }

        Assert.True(first);
    }

    [Fact]
    public void SourcesAreLimitedSeparately()
    {
        var limiter = new LegacyRateLimiter();
        Granted(limiter, A, 10_000, 1000);
        Assert.Equal((int)LegacyRateLimiter.SourceBurst, Granted(limiter, B, 10_000, 1000));
    }

    [Fact]
    public void ManySourcesTogetherStayWithinTheTotal()
    {
        var limiter = new LegacyRateLimiter();
        int granted = 0;
        for (int i = 0; i < 5000; i++)
        {
            var spoofed = new IPAddress([10, 1, (byte)(i / 250), (byte)(i % 250)]);
            granted += Granted(limiter, spoofed, 3, 1000);
        }

        Assert.Equal((int)LegacyRateLimiter.TotalRate, granted);
    }

    [Fact]
    public void IdleSourcesAreForgottenSoNewOnesGetAnswers()
    {
        var limiter = new LegacyRateLimiter(sourceBurst: 4, sourceRate: 1, totalRate: 1e9, maxSources: 100);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(limiter.TryTake(new IPAddress([10, 2, 0, (byte)i]), 1000, out _));
        }

        // The table is full and every bucket is still being refilled: a new source is refused...
        Assert.False(limiter.TryTake(A, 1000, out _));

        // ...until the old buckets are full again (one token back takes a second), and forgotten.
        Assert.False(limiter.TryTake(A, 1900, out _));
        Assert.True(limiter.TryTake(A, 2000, out _));
    }
}
