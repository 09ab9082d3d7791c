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
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = Path.Combine(Path.GetTempPath(), $"flowr-withhold-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "root.toml"), Attackers.ReverseLinesFlow);
        try
        {
            // The withholder is the only executor at first, so the first jobs go to it.
            using var flowr = Child.Start(Binaries.Flowr,
                ["-t", "0", "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "1", "--executor-timeout", "60", directory],
                ns, lab.Env, workingDirectory: directory, keepStdinOpen: true);
            flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Limit);
            using var withholder = Attackers.Start(ns, "withhold", $"{JobPort}");
            flowr.WaitForStderr(l => l.Contains("'withholder'", StringComparison.Ordinal) && l.Contains("joined", StringComparison.Ordinal), Limit);

            flowr.WriteStdin("abc\nhello world\nflowr\n"u8.ToArray());
            // Its window is two jobs; the first two pass their deadline and run in flowr, the third goes to it
            // in their place and passes its deadline too.
            flowr.WaitForStderr(l => l.Contains("missed 3 job deadlines", StringComparison.Ordinal), Limit);
            Assert.Contains(flowr.StderrLines, l => l.Contains("past their deadline", StringComparison.Ordinal));
            withholder.WaitForExit(Limit);
            Assert.Matches(@"jobs=[3-9]", withholder.Stdout);

            // An honest executor joins, and the flow goes on to its end with every line in its place.
            using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "--coordinator", $"127.0.0.1:{JobPort}"], ns, lab.Env);
            flowr.WriteStdinAndClose("dlrow\nnoitcelfer\n"u8.ToArray());
            Assert.Equal(0, flowr.WaitForExit(Limit));
            Assert.Equal("cba\ndlrow olleh\nrwolf\nworld\nreflection\n", flowr.Stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
