// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// Connections that have proved nothing cannot make flowr hold memory: a hundred of them at once, each
/// starting a 16 MiB hello, three times over, leave flowr small, and it then runs its flow as usual.
/// </summary>
public sealed class PreAuthFloodTests
{
    private const int JobPort = 47240;
    private const long Bound = 100L * 1024 * 1024;
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Fact]
    public void A_flood_of_unauthenticated_connections_keeps_flowr_under_100_MB()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample("fibonacci");
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "info", "--job-port", $"{JobPort}", "--executor-timeout", "60", directory], ns,
            Attackers.WithKey(lab, "a key for the flood test"), workingDirectory: directory);
        flowr.WaitForStderr(l => l.Contains("Waiting for executors", StringComparison.Ordinal), Limit);
        long peak = 0;
        using var flood = Attackers.Start(ns, "flood", $"{JobPort}", "100", "3");
        while (!flood.HasExited)
        {
            peak = Math.Max(peak, Attackers.ResidentBytes(flowr.Pid));
            Thread.Sleep(20);
        }
        Assert.Equal(0, flood.WaitForExit(Limit));
        peak = Math.Max(peak, Attackers.ResidentBytes(flowr.Pid));
        Assert.True(peak < Bound, $"flowr grew to {peak / 1048576.0:0.0} MB");

        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "--coordinator", $"127.0.0.1:{JobPort}"], ns,
            Attackers.WithKey(lab, "a key for the flood test"));
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
    }
}
