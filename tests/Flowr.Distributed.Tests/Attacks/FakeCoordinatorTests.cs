// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>A flowrex with a key works only for a coordinator that proves it has the same key, and says so once.</summary>
public sealed class FakeCoordinatorTests
{
    private const int Port = 47220;
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Theory]
    [InlineData("no-proof", "flowr has no pre-shared key")]
    [InlineData("wrong-proof", "could not prove it knows the pre-shared key")]
    public void A_keyed_flowrex_computes_nothing_for_a_coordinator_without_the_key(string mode, string reason)
    {
        using var lab = NetworkLab.Loopback(out string ns);
        using var fake = Attackers.Start(ns, "fake-coordinator", $"{Port}", mode);
        Thread.Sleep(500);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "1", "-v", "debug", "--coordinator", $"127.0.0.1:{Port}"], ns,
            Attackers.WithKey(lab, "the key of this flowrex"));
        Assert.Equal(0, fake.WaitForExit(Limit));
        Assert.Contains("results=0", fake.Stdout, StringComparison.Ordinal);
        flowrex.WaitForStderr(l => l.StartsWith("WARN - Refused a coordinator", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal), Limit);
        Assert.DoesNotContain(flowrex.StderrLines, l => l.Contains("Job #", StringComparison.Ordinal));
    }
}
