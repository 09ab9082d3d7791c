// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Interop;

/// <summary>Our responder and browser against avahi-daemon 0.8, avahi-browse and avahi-publish. Needs root and the packages.</summary>
[Collection("netns")]
public sealed class AvahiInteropTests(InteropLab fixture) : IClassFixture<InteropLab>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(12);
    private readonly NetLab _lab = fixture.Lab;

    [Fact(Timeout = 60_000)]
    public async Task AvahiBrowseResolvesOurAdvertisement()
    {
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", "_flowr._tcp", "40123", "30", "flowr-c", "proto=1", "role=job-runner");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY jobs flowr-c.local", StringComparison.Ordinal), Wait, "READY");
        var browse = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-browse", "-r", "-t", "-p", "_flowr._tcp");
        string line = await browse.WaitForLineAsync(l => l.StartsWith("=;lab0;IPv4;jobs;_flowr._tcp;local;", StringComparison.Ordinal), Wait, "avahi resolution");
        Assert.StartsWith("=;lab0;IPv4;jobs;_flowr._tcp;local;flowr-c.local;10.251.0.3;40123;", line);
        Assert.Contains("\"proto=1\"", line);
        Assert.Contains("\"role=job-runner\"", line);
    }

    [Fact(Timeout = 60_000)]
    public async Task OurBrowserFindsAvahiPublishAndSeesItsGoodbye()
    {
        var watcher = _lab.Tool("c", "watch", "lab0", "_flowrap._tcp", "30");
        await watcher.WaitForLineAsync(l => l == "WATCHING", Wait, "WATCHING");
        var publish = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-publish", "-s", "jobs", "_flowrap._tcp", "40200", "proto=1", "role=avahi");
        await publish.WaitForLineAsync(l => l.Contains("Established under name 'jobs'", StringComparison.Ordinal), Wait, "avahi-publish");

        var finder = _lab.Tool("c", "find", "lab0", "jobs", "_flowrap._tcp", "8");
        string found = await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND");
        Assert.StartsWith("FOUND jobs lab-b.local 40200 10.251.0.2", found);
        Assert.EndsWith(" proto=1;role=avahi", found);

        await watcher.WaitForLineAsync(l => l.StartsWith("FOUND jobs lab-b.local 40200 10.251.0.2", StringComparison.Ordinal), Wait, "watcher FOUND");
        publish.Terminate();
        await watcher.WaitForLineAsync(l => l == "LOST jobs", Wait, "LOST after avahi's goodbye");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WatchingAvahiBrowseReportsRemovalAfterOurGoodbye(bool bySignal)
    {
        string type = bySignal ? "_flowrgb1._tcp" : "_flowrgb2._tcp";
        var watch = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-browse", "-r", "-p", type);
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", type, "40124", bySignal ? "30" : "stdin", "flowr-c", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        await watch.WaitForLineAsync(l => l.StartsWith($"=;lab0;IPv4;jobs;{type};local;flowr-c.local;10.251.0.3;40124;", StringComparison.Ordinal), Wait, "resolved");
        if (bySignal)
        {
            advertiser.Terminate();
        }
        else
        {
            advertiser.CloseStdin();
            await advertiser.WaitForLineAsync(l => l == "GOODBYE", Wait, "GOODBYE after dispose");
        }

        await watch.WaitForLineAsync(l => l == $"-;lab0;IPv4;jobs;{type};local", Wait, "removal line");
    }

    [Fact(Timeout = 60_000)]
    public async Task WhenAvahiOwnsJobsWeRenameAndAvahiKeepsItsName()
    {
        const string Type = "_flowrcf1._tcp";
        var publish = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-publish", "-s", "jobs", Type, "40500", "proto=1");
        await publish.WaitForLineAsync(l => l.Contains("Established under name 'jobs'", StringComparison.Ordinal), Wait, "avahi-publish");

        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", Type, "40501", "30", "flowr-c", "proto=1");
        Assert.Equal("READY jobs (2) flowr-c.local renamed=True", await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY"));

        // A third host's avahi sees both: avahi's 'jobs' unchanged, ours as 'jobs (2)'.
        var browse = _lab.Avahi("a", fixture.BusA, "/usr/bin/avahi-browse", "-r", "-t", "-p", Type);
        await browse.WaitForLineAsync(l => l.StartsWith($"=;lab0;IPv4;jobs;{Type};local;lab-b.local;10.251.0.2;40500;", StringComparison.Ordinal), Wait, "avahi's jobs");
        await browse.WaitForLineAsync(l => l.StartsWith($"=;lab0;IPv4;jobs\\032\\0402\\041;{Type};local;flowr-c.local;10.251.0.3;40501;", StringComparison.Ordinal), Wait, "our jobs (2)");
        Assert.DoesNotContain("collision", publish.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task WhenAvahiOwnsJobsAndRenamingIsOffAdvertiseFails()
    {
        const string Type = "_flowrcf2._tcp";
        var publish = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-publish", "-s", "jobs", Type, "40510", "proto=1");
        await publish.WaitForLineAsync(l => l.Contains("Established under name 'jobs'", StringComparison.Ordinal), Wait, "avahi-publish");
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", Type, "40511", "30", "flowr-c", "--no-rename");
        string line = await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal), Wait, "result");
        Assert.StartsWith("ERROR MdnsNameConflictException", line);
        Assert.DoesNotContain("collision", publish.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact(Timeout = 60_000)]
    public async Task WhenWeOwnJobsAvahiPublishPicksAnotherName()
    {
        const string Type = "_flowrcf3._tcp";
        var advertiser = _lab.Tool("c", "advertise", "lab0", "jobs", Type, "40520", "30", "flowr-c", "proto=1");
        Assert.StartsWith("READY jobs flowr-c.local renamed=False", await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY"));
        var publish = _lab.Avahi("b", fixture.BusB, "/usr/bin/avahi-publish", "-s", "jobs", Type, "40521", "proto=1");
        await publish.WaitForLineAsync(l => l.Contains("Established under name", StringComparison.Ordinal), Wait, "avahi-publish");
        Assert.Contains("Name collision", publish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Established under name 'jobs'", publish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RENAMED", advertiser.Output, StringComparison.Ordinal);
    }
}
