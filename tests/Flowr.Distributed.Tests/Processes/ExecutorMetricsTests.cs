// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// <c>-m</c> with remote executors says where the jobs ran, one line an executor: with flowr's threads
/// beside a flowrex (<c>--remote</c>) the short jobs of fibonacci stay on flowr's own thread, and the
/// line says so; with <c>-t 0</c> the flowrex ran them all and flowr's thread ran none.
/// </summary>
public sealed class ExecutorMetricsTests
{
    private const int JobPort = 47110;
    private const string Adds = "92 jobs";

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
