// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// A million random and damaged frames after an authenticated handshake: flowr and flowrex neither crash
/// nor grow, and the flow they run (or run next) prints what it should.
/// </summary>
public sealed class FuzzTests
{
    private const string Key = "the key the fuzzer knows too";
    private const long Frames = 1_000_000;
    private const long MemoryBound = 300L * 1024 * 1024;
    private const int JobPort = 47260;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);


    [Fact]
    public void Flowr_survives_a_million_hostile_frames_from_an_executor_and_its_flow_is_right()
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = Path.Combine(Path.GetTempPath(), $"flowr-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "root.toml"), Attackers.ReverseLinesFlow);
        try
        {
            var env = Attackers.WithKey(lab, Key);
            using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "warn", "--job-port", $"{JobPort}", "--executor-timeout", "600", directory],
                ns, env, workingDirectory: directory, keepStdinOpen: true);
            Thread.Sleep(300);
            using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "--coordinator", $"127.0.0.1:{JobPort}"], ns, env);
            using var fuzzer = Attackers.Start(ns, "fuzz-flowr", $"{JobPort}", Key, $"{Frames}", "11");
            long peak = WatchMemory(flowr, fuzzer);
            Assert.Equal(0, fuzzer.WaitForExit(Limit));
            Assert.True(SentAll(fuzzer), fuzzer.Stdout);
            Assert.False(flowr.HasExited, $"flowr exited; stderr:\n{flowr.Stderr}");
            Assert.True(peak < MemoryBound, $"flowr grew to {peak / 1048576.0:0.0} MB");

            flowr.WriteStdinAndClose("abc\nhello world\nflowr\n"u8.ToArray());
            Assert.Equal(0, flowr.WaitForExit(Limit));
            Assert.Equal("cba\ndlrow olleh\nrwolf\n", flowr.Stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Flowrex_survives_a_million_hostile_frames_from_a_coordinator_and_serves_the_next_flow_right()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        var env = Attackers.WithKey(lab, Key);
        using var fuzzer = Attackers.Start(ns, "fuzz-flowrex", $"{JobPort}", Key, $"{Frames}", "12");
        Thread.Sleep(300);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "-v", "warn", "--coordinator", $"127.0.0.1:{JobPort}"], ns, env);
        long peak = WatchMemory(flowrex, fuzzer);
        Assert.Equal(0, fuzzer.WaitForExit(Limit));
        Assert.True(SentAll(fuzzer), fuzzer.Stdout);
        Assert.False(flowrex.HasExited, $"flowrex exited; stderr:\n{flowrex.Stderr}");
        Assert.True(peak < MemoryBound, $"flowrex grew to {peak / 1048576.0:0.0} MB");

        // The same flowrex then serves an honest flowr on the same port.
        string directory = lab.CopyExample("fibonacci");
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "--job-port", $"{JobPort}", "--executor-timeout", "60", directory], ns, env, workingDirectory: directory);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.DoesNotContain("Unhandled exception", flowrex.Stderr, StringComparison.Ordinal);
    }

    private static bool SentAll(Child fuzzer) =>
        System.Text.RegularExpressions.Regex.Match(fuzzer.Stdout, @"frames=(\d+)") is { Success: true } match
        && long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= Frames;

    private static long WatchMemory(Child target, Child fuzzer)
    {
        long peak = 0;
        while (!fuzzer.HasExited && !target.HasExited)
        {
            peak = Math.Max(peak, Attackers.ResidentBytes(target.Pid));
            Thread.Sleep(100);
        }
        return peak;
    }
}
