// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Interop;

/// <summary>Our responder and browser against python3-zeroconf 0.47 (Debian, /usr/bin/python3). Needs root and the packages.</summary>
[Collection("netns")]
public sealed class ZeroconfInteropTests(InteropLab fixture) : IClassFixture<InteropLab>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(12);
    private readonly NetLab _lab = fixture.Lab;

    [Fact(Timeout = 60_000)]
    public async Task ZeroconfResolvesOurAdvertisement()
    {
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", "_flowrzc1._tcp", "40124", "30", "flowr-c", "proto=1", "role=job-runner");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var find = _lab.Python("a", "zc_find.py", "10.251.0.1", "_flowrzc1._tcp", "jobs", "8");
        string line = await find.WaitForLineAsync(l => l.StartsWith("RESOLVED", StringComparison.Ordinal), Wait, "zeroconf resolution");
        Assert.Equal("RESOLVED jobs._flowrzc1._tcp.local. server=flowr-c.local. addrs=10.251.0.3 port=40124 txt=proto=1;role=job-runner", line);
    }

    [Fact(Timeout = 60_000)]
    public async Task OurBrowserFindsZeroconfPublish()
    {
        var publish = _lab.Python("a", "zc_publish.py", "10.251.0.1", "_flowrzc2._tcp", "jobs", "40300", "30");
        await publish.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "zeroconf READY");
        var finder = _lab.Tool("c", "find", "lab0", "jobs", "_flowrzc2._tcp", "8");
        string found = await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND");
        Assert.Equal("FOUND jobs zc-10-251-0-1.local 40300 10.251.0.1 proto=1;role=job-runner", found);
    }

    [Fact(Timeout = 60_000)]
    public async Task ZeroconfCannotTakeOurName()
    {
        // zeroconf probes with QU and the proposed PTR in Authority; we must answer, not stay silent.
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", "_flowrzc3._tcp", "40310", "30", "flowr-c", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY jobs flowr-c.local renamed=False", StringComparison.Ordinal), Wait, "READY");
        var publish = _lab.Python("a", "zc_publish.py", "10.251.0.1", "_flowrzc3._tcp", "jobs", "40311", "30");
        Assert.NotEqual(0, await publish.WaitForExitAsync(Wait));
        Assert.Contains("NonUniqueNameException", publish.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task WhenZeroconfOwnsJobsWeRename()
    {
        var publish = _lab.Python("a", "zc_publish.py", "10.251.0.1", "_flowrzc4._tcp", "jobs", "40320", "30");
        await publish.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "zeroconf READY");
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", "_flowrzc4._tcp", "40321", "30", "flowr-c", "proto=1");
        Assert.Equal("READY jobs (2) flowr-c.local renamed=True", await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY"));
    }
}
