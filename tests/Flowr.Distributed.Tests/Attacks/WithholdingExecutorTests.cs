// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// An executor that takes jobs and never answers (it only sends heartbeats, so it looks alive) cannot stall a
/// flow: its jobs pass their deadline and run elsewhere, and after three missed deadlines it is dropped.
/// </summary>
public sealed class WithholdingExecutorTests
{
    private const int JobPort = 47230;
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Fact]
    public void A_flow_finishes_right_beside_an_executor_that_withholds_every_result()
    {
        string expected = Scenario.Reference("prime");
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample("prime");
        using var flowr = Child.Start(Binaries.Flowr,
            ["-t", "0", "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "2", "--executor-timeout", "60", directory, .. Scenario.ArgsOf(directory)],
            ns, lab.Env, workingDirectory: directory);
        flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Limit);
        using var withholder = Attackers.Start(ns, "withhold", $"{JobPort}");
        flowr.WaitForStderr(l => l.Contains("'withholder'", StringComparison.Ordinal) && l.Contains("joined", StringComparison.Ordinal), Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "--coordinator", $"127.0.0.1:{JobPort}"], ns, lab.Env);

        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Contains(flowr.StderrLines, l => l.Contains("past their deadline", StringComparison.Ordinal));
        Assert.Contains(flowr.StderrLines, l => l.Contains("missed 3 job deadlines", StringComparison.Ordinal));
        withholder.WaitForExit(Limit);
        Assert.Matches(@"jobs=[1-9]", withholder.Stdout);
    }
}
