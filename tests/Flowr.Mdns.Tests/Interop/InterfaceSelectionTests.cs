// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Interop;

/// <summary>Interface choice and per-interface answers, in namespaces the tests create. Needs root.</summary>
[Collection("netns")]
public sealed class InterfaceSelectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(12);

    [Fact(Timeout = 60_000)]
    public async Task DefaultInterfacesAreTheMulticastLinksNotLoopback()
    {
        await using var lab = await NetLab.CreateLanAsync("a", "c");
        var advertiser = lab.Tool("c", "advertise", "default", "jobs", "_flowrif1._tcp", "40600", "20", "flowr-c", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var finder = lab.Tool("a", "find", "default", "jobs", "_flowrif1._tcp", "8");
        Assert.Equal("FOUND jobs flowr-c.local 40600 10.251.0.2 proto=1", await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND"));
    }

    [Fact(Timeout = 60_000)]
    public async Task LoopbackIsTheDefaultWhenItIsTheOnlyInterface()
    {
        await using var lab = await NetLab.CreateLoopbackAsync();
        var advertiser = lab.Tool("lo", "advertise", "default", "jobs", "_flowrif2._tcp", "40601", "20", "flowr-lo");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var finder = lab.Tool("lo", "find", "default", "jobs", "_flowrif2._tcp", "8");
        Assert.StartsWith("FOUND jobs flowr-lo.local 40601 127.0.0.1", await finder.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND"));
    }

    [Fact(Timeout = 60_000)]
    public async Task AnswersCarryTheAddressOfTheArrivalInterface()
    {
        // The responder in c listens on lo and lab0; a querier on each link must get that link's address.
        await using var lab = await NetLab.CreateLanAsync("a", "c");
        var advertiser = lab.Tool("c", "advertise", "127.0.0.1,lab0", "jobs", "_flowrif3._tcp", "40602", "20", "flowr-c", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");
        var overLan = lab.Tool("a", "find", "lab0", "jobs", "_flowrif3._tcp", "8");
        Assert.Equal("FOUND jobs flowr-c.local 40602 10.251.0.2 proto=1", await overLan.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND over lab0"));
        var overLoopback = lab.Tool("c", "find", "127.0.0.1", "jobs", "_flowrif3._tcp", "8");
        Assert.Equal("FOUND jobs flowr-c.local 40602 127.0.0.1 proto=1", await overLoopback.WaitForLineAsync(l => l.StartsWith("FOUND", StringComparison.Ordinal), Wait, "FOUND over lo"));
    }
}
