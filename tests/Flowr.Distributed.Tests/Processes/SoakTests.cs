// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// One flowrex serving <c>flowr -t 0 examples/fibonacci</c> again and again ends within 10 MB of its
/// resident size after the first 20 flows, with no thread or descriptor left behind.
/// <c>FLOWR_SOAK_FLOWS</c> sets the count (<c>make soak</c>: 1,000).
/// </summary>
public sealed class FlowrexSoakTests(ITestOutputHelper output)
{
    [Fact]
    public void A_flowrex_serving_flow_after_flow_keeps_its_memory_flat()
    {
        int flows = Soak.Count("FLOWR_SOAK_FLOWS", 200);
        string expected = File.ReadAllText(Path.Combine(Binaries.Examples, "fibonacci", "expected.stdout"));
        using var lab = NetworkLab.Loopback(out string netns);
        using var flowrex = Scenario.StartFlowrex(lab, netns, verbosity: "info");
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Soak.Limit);
        var samples = new List<Soak.Sample>();
        var watch = Stopwatch.StartNew();
        for (int i = 1; i <= flows; i++)
        {
            using var flowr = Scenario.StartRemoteFlowr(lab, netns, "fibonacci", verbosity: "error");
            Assert.True(flowr.WaitForExit(Soak.Limit) == 0, $"flow {i} failed: {flowr.Stderr}");
            Assert.Equal(expected, flowr.Stdout);
            // The flowrex is back to waiting before the next flow (and before it is measured).
            flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Soak.Limit, count: i + 1);
            if (i == Soak.Warmup || i % Math.Max(1, flows / 10) == 0 || i == flows) samples.Add(Soak.Sample.Of(flowrex.Pid, i));
        }
        Soak.Report(output, "flowrex", "flows", samples, watch.Elapsed);
        Soak.AssertFlat(samples);
    }
}

/// <summary>
/// One <c>flowr -t 0</c> serving flowrex executors that join and leave, each running its jobs while it
/// is there, ends within 10 MB of its resident size after the first 20 executor sessions, with no thread
/// or descriptor left behind. (With threads of its own, flowr would run this flow's short jobs itself.)
/// <c>FLOWR_SOAK_SESSIONS</c> sets the count (<c>make soak</c>: 1,000).
/// </summary>
public sealed class RemoteFlowrSoakTests(ITestOutputHelper output)
{
    [Fact]
    public void A_flowr_serving_executors_that_come_and_go_keeps_its_memory_flat()
    {
        int sessions = Soak.Count("FLOWR_SOAK_SESSIONS", 100);
        using var lab = NetworkLab.Loopback(out string netns);
        // A flow that runs for hours: a sequence to a billion whose numbers go nowhere; only its end is printed.
        string flow = Path.Combine(Path.GetTempPath(), $"flowr-soak-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(flow);
        try
        {
            File.WriteAllText(Path.Combine(flow, "root.toml"), """
                flow = "endless"

                [[process]]
                source = "lib://flowstdlib/math/sequence"
                input.start = { once = 1 }
                input.step = { once = 1 }
                input.limit = { once = 1000000000 }

                [[process]]
                source = "context://stdio/stdout"

                [[connection]]
                from = "sequence/last"
                to = "stdout"
                """);
            using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "info", flow], netns, lab.Env, workingDirectory: flow);
            flowr.WaitForStderr(l => l.Contains("Job service advertised as", StringComparison.Ordinal), Soak.Limit);
            var samples = new List<Soak.Sample>();
            var watch = Stopwatch.StartNew();
            for (int i = 1; i <= sessions; i++)
            {
                using (var flowrex = Scenario.StartFlowrex(lab, netns, verbosity: "info", threads: 1))
                {
                    flowr.WaitForStderr(Soak.IsJoin, Soak.Limit, count: i);
                    // Let it take and run jobs for a while (0.1 to 0.3 s), then stop it as an operator would.
                    Thread.Sleep(100 + i % 3 * 100);
                    flowrex.Terminate();
                    Assert.Equal(0, flowrex.WaitForExit(Soak.Limit));
                }
                flowr.WaitForStderr(Soak.IsEnd, Soak.Limit, count: i);
                if (i == Soak.Warmup || i % Math.Max(1, sessions / 10) == 0 || i == sessions) samples.Add(Soak.Sample.Of(flowr.Pid, i));
            }
            Assert.False(flowr.HasExited, flowr.Tail());
            Soak.Report(output, "flowr -t 0", "executor sessions", samples, watch.Elapsed);
            Soak.AssertFlat(samples);
        }
        finally
        {
            Directory.Delete(flow, recursive: true);
        }
    }
}

/// <summary>Counts, samples and the flatness check shared by the soak tests.</summary>
internal static class Soak
{
    public const int Warmup = 20;
    private const long AllowedGrowthKb = 10 * 1024;
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public static bool IsJoin(string line) => line.StartsWith("INFO - Executor '", StringComparison.Ordinal) && line.Contains(") joined from ", StringComparison.Ordinal);

    public static bool IsEnd(string line) => line.Contains("Executor '", StringComparison.Ordinal)
        && (line.Contains(" left (", StringComparison.Ordinal) || line.Contains(" closed: ", StringComparison.Ordinal));

    public static void Report(ITestOutputHelper output, string process, string what, List<Sample> samples, TimeSpan elapsed)
    {
        output.WriteLine($"{process}: {samples[^1].After} {what} in {elapsed.TotalSeconds:0} s");
        output.WriteLine($"{what,18} | VmRSS kB | threads | fds");
        foreach (var s in samples) output.WriteLine($"{s.After,18} | {s.RssKb,8} | {s.Threads,7} | {s.Fds,3}");
    }

    public static void AssertFlat(List<Sample> samples)
    {
        var baseline = samples.First(s => s.After >= Warmup);
        var end = samples[^1];
        // A leak grows with the sessions or flows, interval after interval. The runtime may also take one
        // step of memory once (its heap or an allocator arena growing: 10.8 MB between two samples in one
        // run, flat before and after), which no number of sessions repeats: the largest single step
        // between two samples is left out of the growth.
        int first = samples.IndexOf(baseline);
        long largestStep = 0;
        for (int i = first + 1; i < samples.Count; i++) largestStep = Math.Max(largestStep, samples[i].RssKb - samples[i - 1].RssKb);
        Assert.True(end.RssKb - largestStep <= baseline.RssKb + AllowedGrowthKb,
            $"RSS grew from {baseline.RssKb} kB after {baseline.After} to {end.RssKb} kB after {end.After} " +
            $"(largest step between two samples {largestStep} kB): {string.Join(", ", samples.Select(s => $"{s.After}: {s.RssKb} kB"))}");
        // Threads come and go with the thread pool; descriptors must all be closed again.
        Assert.True(end.Threads <= baseline.Threads + 8, $"threads: {baseline.Threads} after {baseline.After}, {end.Threads} after {end.After}");
        Assert.True(end.Fds <= baseline.Fds + 2, $"descriptors: {baseline.Fds} after {baseline.After}, {end.Fds} after {end.After}");
    }

    public static int Count(string variable, int fallback)
    {
        string? text = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(text) ? fallback : Math.Max(Warmup, int.Parse(text, CultureInfo.InvariantCulture));
    }

    public readonly record struct Sample(int After, long RssKb, int Threads, int Fds)
    {
        public static Sample Of(int pid, int after)
        {
            string status = File.ReadAllText($"/proc/{pid}/status");
            string rss = status.Split('\n').First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim();
            return new Sample(after, long.Parse(rss.Split(' ')[0], CultureInfo.InvariantCulture),
                Directory.GetDirectories($"/proc/{pid}/task").Length, Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length);
        }
    }
}
