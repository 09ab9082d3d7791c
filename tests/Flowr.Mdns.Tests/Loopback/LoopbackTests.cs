// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Loopback;

/// <summary>
/// Responder and browser in separate processes on a multicast loopback, inside a namespace the test
/// creates (so nothing reaches the host's network). Needs root.
/// </summary>
[Collection("netns")]
public sealed class LoopbackTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 60_000)]
    public async Task BrowserResolvesAdvertisementAndConnects()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo1._tcp", "40123", "20", "flowr-loop", "--listen", "proto=1", "role=job-runner");
        var finder = lab.Tool("lo", "find", "lo", "jobs", "_flowrlo1._tcp", "8", "--connect");
        string found = await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND");
        Assert.Equal("FOUND jobs flowr-loop.local 40123 127.0.0.1 proto=1;role=job-runner", found);
        await finder.WaitForLineAsync(l => l == "CONNECTED", Wait, "CONNECTED");
        await advertiser.WaitForLineAsync(l => l.StartsWith("ACCEPTED 127.0.0.1:", StringComparison.Ordinal), Wait, "ACCEPTED");
        Assert.Equal(0, await finder.WaitForExitAsync(Wait));
    }

    [Fact(Timeout = 60_000)]
    public async Task SecondAdvertiserOfSameNameIsRenamedAndBothAreFound()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var first = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo2._tcp", "40001", "20", "flowr-one");
        Assert.StartsWith("READY jobs flowr-one.local renamed=False", await first.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "first READY"));
        var second = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo2._tcp", "40002", "20", "flowr-two");
        Assert.Equal("READY jobs (2) flowr-two.local renamed=True", await second.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "second READY"));

        var findFirst = lab.Tool("lo", "find", "lo", "jobs", "_flowrlo2._tcp", "8");
        Assert.StartsWith("FOUND jobs flowr-one.local 40001 ", await findFirst.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "jobs"));
        var findSecond = lab.Tool("lo", "find", "lo", "jobs (2)", "_flowrlo2._tcp", "8");
        Assert.StartsWith("FOUND jobs_(2) flowr-two.local 40002 ", await findSecond.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "jobs (2)"));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(15)]   // SIGTERM
    [InlineData(2)]    // SIGINT (Ctrl-C)
    public async Task WatcherSeesFoundThenLostAfterGoodbyeOnSignal(int signal)
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var watcher = lab.Tool("lo", "watch", "lo", "_flowrlo3._tcp", "30");
        await watcher.WaitForLineAsync(l => l == "WATCHING", Wait, "WATCHING");
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo3._tcp", "40003", "30", "flowr-three", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        await watcher.WaitForLineAsync(l => l.StartsWith("FOUND jobs flowr-three.local 40003 127.0.0.1", StringComparison.Ordinal), Wait, "FOUND");
        advertiser.Signal(signal);
        Assert.NotEqual(0, await advertiser.WaitForExitAsync(Wait));
        Assert.DoesNotContain("GOODBYE", advertiser.Output, StringComparison.Ordinal);   // the signal path, not dispose
        await watcher.WaitForLineAsync(l => l == "LOST jobs", Wait, "LOST after goodbye");
    }

    [Fact(Timeout = 60_000)]
    public async Task LegacyUnicastQueryGetsUnicastReplyWithEchoAndShortTtl()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo4._tcp", "40004", "20", "flowr-four");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var query = lab.Tool("lo", "legacy", "127.0.0.1", "_flowrlo4._tcp.local", "12");
        string reply = await query.WaitForLineAsync(l => l.StartsWith("REPLY", StringComparison.Ordinal) || l.StartsWith("NO", StringComparison.Ordinal), Wait, "REPLY");
        Assert.Equal("REPLY id=4242 questions=_flowrlo4._tcp.local answers=12 maxttl=10 flush=False", reply);

        // RFC 6762 §6.1: AAAA on our IPv4-only host name is answered with NSEC.
        var aaaa = lab.Tool("lo", "legacy", "127.0.0.1", "flowr-four.local", "28");
        string negative = await aaaa.WaitForLineAsync(l => l.StartsWith("REPLY", StringComparison.Ordinal) || l.StartsWith("NO", StringComparison.Ordinal), Wait, "REPLY");
        Assert.Equal("REPLY id=4242 questions=flowr-four.local answers=47 maxttl=10 flush=False", negative);
    }

    [Fact(Timeout = 120_000)]
    public async Task ResponderAndBrowserSurviveAFloodOfMalformedDatagrams()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo5._tcp", "40005", "60", "flowr-five", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var watcher = lab.Tool("lo", "watch", "lo", "_flowrlo5._tcp", "60");
        await watcher.WaitForLineAsync(l => l.StartsWith("FOUND jobs flowr-five.local 40005", StringComparison.Ordinal), Wait, "FOUND");

        var blast = lab.Tool("lo", "blast", "127.0.0.1", "20000", "3");
        Assert.Equal(0, await blast.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        // Still answering, still the same name, and no handler ever threw.
        var finder = lab.Tool("lo", "find", "lo", "jobs", "_flowrlo5._tcp", "8");
        Assert.StartsWith("FOUND jobs flowr-five.local 40005 127.0.0.1", await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND after flood"));
        Assert.DoesNotContain("failed", advertiser.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RENAMED", advertiser.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("LOST", watcher.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", watcher.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task KnownAnswersWithEnoughTtlSuppressTheAnswer()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo6._tcp", "40006", "30", "flowr-six");
        await advertiser.WaitForLineAsync(l => l == "ANNOUNCED", Wait, "end of announcements");

        // RFC 6762 §7.1: a known answer with at least half our TTL (4500 s) left suppresses the PTR answer.
        var known = lab.Tool("lo", "query", "127.0.0.1", "_flowrlo6._tcp.local", "12", "jobs._flowrlo6._tcp.local", "3000");
        Assert.Equal("SILENT", await known.WaitForLineAsync(l => l is "SILENT" || l.StartsWith("ANSWERED", StringComparison.Ordinal), Wait, "result"));

        // With less than half the TTL left the known answer does not count, and without one we answer.
        var stale = lab.Tool("lo", "query", "127.0.0.1", "_flowrlo6._tcp.local", "12", "jobs._flowrlo6._tcp.local", "1000");
        Assert.Equal("ANSWERED 12", await stale.WaitForLineAsync(l => l is "SILENT" || l.StartsWith("ANSWERED", StringComparison.Ordinal), Wait, "result"));
        var plain = lab.Tool("lo", "query", "127.0.0.1", "_flowrlo6._tcp.local", "12");
        Assert.Equal("ANSWERED 12", await plain.WaitForLineAsync(l => l is "SILENT" || l.StartsWith("ANSWERED", StringComparison.Ordinal), Wait, "result"));
    }

    [Fact(Timeout = 60_000)]
    public async Task ConflictAfterAnnouncingProbesAgainAndRenames()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "lo", "jobs", "_flowrlo7._tcp", "40007", "30", "flowr-seven", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY jobs flowr-seven.local renamed=False", StringComparison.Ordinal), Wait, "READY");

        // Another host claims the name without probing, and keeps claiming it while we probe again.
        var rogue = lab.Tool("lo", "rogue", "127.0.0.1", "jobs._flowrlo7._tcp.local", "40999", "rogue.local", "8");
        await advertiser.WaitForLineAsync(l => l == "RENAMED jobs (2)", Wait, "rename after the conflict");
        Assert.Equal(0, await rogue.WaitForExitAsync(Wait));

        var finder = lab.Tool("lo", "find", "lo", "jobs (2)", "_flowrlo7._tcp", "8");
        Assert.Equal("FOUND jobs_(2) flowr-seven.local 40007 127.0.0.1 proto=1", await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND jobs (2)"));
    }

    [Fact(Timeout = 60_000)]
    public async Task QueryAtOnceFindsAnAnnouncedServiceWithoutTheRandomDelays()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var quick = lab.Tool("lo", "quick", "lo", "_flowrlo8._tcp", "9");
        string line = await quick.WaitForLineAsync(l => l.StartsWith("MEDIAN", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "MEDIAN");
        // Multicast browsing needs at least 40 ms (first query after 20–120 ms, shared answer after 20–120 ms).
        double median = double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(median < 20, line);
    }

    [Fact(Timeout = 60_000)]
    public async Task UpdatedTxtReachesABrowserWithoutProbingAndRefreshAtOnceGetsItBeforeTheAnnouncement()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var txt = lab.Tool("lo", "txt", "lo", "_flowrlo9._tcp");
        string updated = await txt.WaitForLineAsync(l => l.StartsWith("UPDATED", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal), Wait, "UPDATED");
        Assert.True(Ms(updated) < 500, updated);
        // The second update's announcement waits a second after the first; asking directly does not.
        string refreshed = await txt.WaitForLineAsync(l => l.StartsWith("REFRESHED", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal), Wait, "REFRESHED");
        Assert.True(Ms(refreshed) < 500, refreshed);
        Assert.Equal("PROBES 0", await txt.WaitForLineAsync(l => l.StartsWith("PROBES", StringComparison.Ordinal), Wait, "PROBES"));

        static double Ms(string line) => double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
