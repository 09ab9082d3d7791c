// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// With a key on both sides, a relay between flowrex and flowr can pass frames on and nothing more: results it
/// forges, a frame it alters and a frame it sends twice are all caught, and the flow prints what it should.
/// </summary>
public sealed class KeyedRelayTests
{
    private const string Key = "a key long enough for the test";
    private const int JobPort = 47210;
    private const int RelayPort = 47211;
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Theory]
    [InlineData("forge")]
    [InlineData("flip")]
    [InlineData("replay")]
    public void A_relay_cannot_forge_alter_or_replay_frames(string mode)
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample("fibonacci");
        var env = Attackers.WithKey(lab, Key);
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "info", "--job-port", $"{JobPort}", "--executor-timeout", "60", directory], ns, env,
            workingDirectory: directory);
        flowr.WaitForStderr(l => l.Contains("Waiting for executors", StringComparison.Ordinal), Limit);
        using var relay = Attackers.Start(ns, "tamper-relay", $"{RelayPort}", $"{JobPort}", mode);
        Thread.Sleep(500);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "-v", "info", "--coordinator", $"127.0.0.1:{RelayPort}"], ns, env);

        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.DoesNotContain("1001", flowr.Stdout, StringComparison.Ordinal);
        Assert.Contains($"tampered: {mode}", relay.Stdout, StringComparison.Ordinal);
        Assert.Contains(flowr.StderrLines, l => l.Contains("failed authentication", StringComparison.Ordinal));
    }
}
