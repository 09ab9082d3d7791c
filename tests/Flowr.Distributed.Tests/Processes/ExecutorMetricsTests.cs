// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// <c>-m</c> with remote executors says where the jobs ran, one line an executor: with flowr's threads
/// beside a flowrex (<c>--remote</c>) the short jobs of fibonacci stay on flowr's own thread, and the
/// line says so; with <c>-t 0</c> the flowrex ran them all and flowr's thread ran none. The line of
/// flowr's threads counts each thread's jobs, and a batch of costly jobs keeps them all busy.
/// </summary>
public sealed class ExecutorMetricsTests
{
    private const int JobPort = 47110;
    private const string Adds = "92 jobs";

    [Fact]
    public void Costly_jobs_no_executor_takes_wake_every_idle_local_thread()
    {
        // mandelbrot-zoom: two short jobs, then 40 rows of milliseconds each, all given at once. The
        // flowrex shares this machine, whose every processor flowr's threads use: it gets none, and the
        // rows wait in the queue it shares with the local threads, asleep since the start. Whether a
        // thread not woken happens to be spinning still varies, so the run is repeated.
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample("mandelbrot-zoom");
        for (int run = 1; run <= 3; run++)
        {
            using var flowr = Child.Start(Binaries.Flowr,
                ["--remote", "-m", "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "1", directory], ns, lab.Env);
            flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Scenario.Limit);
            using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "1", "--coordinator", $"127.0.0.1:{JobPort}"], ns, lab.Env);

            Assert.Equal(0, flowr.WaitForExit(Scenario.Limit));
            var local = System.Text.RegularExpressions.Regex.Match(flowr.Stdout, @"^  local \((\d+) thread\(s\) in flowr\): 40 jobs \(([\d, ]+) by thread\)",
                System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(local.Success, $"run {run}: no line for flowr's threads with 40 jobs:\n{flowr.Stdout}");
            long[] each = [.. local.Groups[2].Value.Split(", ").Select(long.Parse)];
            Assert.Equal(int.Parse(local.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), each.Length);
            // One woken thread alone would have run all 40.
            Assert.True(each.Count(n => n > 0) >= Math.Min(2, each.Length), $"run {run}: the rows ran on one thread: {local.Value}");
        }
    }

    [Theory]
    [InlineData("--remote", true)]
    [InlineData("-t 0", false)]
    public void The_metrics_name_where_the_jobs_ran(string mode, bool shortJobsStayHome)
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample("fibonacci");
        using var flowr = Child.Start(Binaries.Flowr,
            [.. mode.Split(' '), "-m", "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "1", directory], ns, lab.Env);
        flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Scenario.Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "1", "--coordinator", $"127.0.0.1:{JobPort}"], ns, lab.Env);

        Assert.Equal(0, flowr.WaitForExit(Scenario.Limit));
        string[] lines = flowr.Stdout.Split('\n');
        int executors = Array.IndexOf(lines, "Executors:");
        Assert.True(executors > 0, $"no executors in the metrics:\n{flowr.Stdout}");
        var rows = lines.Skip(executors + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        string? coordinator = rows.FirstOrDefault(r => r.StartsWith("  coordinator (flowr's own thread, short jobs): ", StringComparison.Ordinal));
        string flowrexRow = Assert.Single(rows, r => r.Contains("127.0.0.1", StringComparison.Ordinal));
        if (shortJobsStayHome)
        {
            Assert.Equal($"  coordinator (flowr's own thread, short jobs): {Adds}", coordinator);
            Assert.Contains(": 0 jobs", flowrexRow, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(coordinator);
            Assert.Contains($": {Adds}", flowrexRow, StringComparison.Ordinal);
        }
    }
}
