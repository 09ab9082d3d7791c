// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Tests.Infrastructure;
using Xunit;

namespace Flowr.Mdns.Tests.Lan;

/// <summary>
/// Legacy unicast (queries from a port other than 5353) is answered, but within a rate limit per source:
/// a flood from one host gets a bounded number of answers, and another host is still answered. Needs root.
/// </summary>
[Collection("netns")]
public sealed class LegacyFloodTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact(Timeout = 120_000)]
    public async Task AFloodOfLegacyQueriesGetsABoundedNumberOfAnswers()
    {
        await using var lab = await NetLab.CreateLanAsync("a", "b", "c");
        var advertiser = lab.Tool("c", "advertise", "lab0", "jobs", "_flowrfl1._tcp", "40600", "90", "flowr-c", "proto=1");
        await advertiser.WaitForLineAsync(l => l.StartsWith("READY", StringComparison.Ordinal), Wait, "READY");

        var flood = lab.Tool("a", "flood", lab.Address("a"), "_flowrfl1._tcp.local", "12", "100000");
        string result = await flood.WaitForLineAsync(l => l.StartsWith("SENT", StringComparison.Ordinal) || l.StartsWith("ERROR", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "SENT");
        int answers = int.Parse(result.Split(' ')[3], System.Globalization.CultureInfo.InvariantCulture);
        // Unbounded, nearly every one of the 100,000 queries was answered. The limit allows a burst of 64,
        // then 64 a second, for the few seconds the flood lasts.
        Assert.InRange(answers, 32, 1000);
        Assert.Contains("legacy queries from 10.251.0.1 are over the rate limit", advertiser.Output, StringComparison.Ordinal);

        // Another source is answered as usual.
        var other = lab.Tool("b", "legacy", lab.Address("b"), "_flowrfl1._tcp.local", "12");
        string reply = await other.WaitForLineAsync(l => l.StartsWith("REPLY", StringComparison.Ordinal) || l.StartsWith("NO", StringComparison.Ordinal), Wait, "REPLY");
        Assert.StartsWith("REPLY id=4242 questions=_flowrfl1._tcp.local answers=12 ", reply);
    }
}
