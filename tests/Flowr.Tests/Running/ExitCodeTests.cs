// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>Exit codes of the native flowr: 0 when the flow ran, 2 when some of its jobs failed, with one summary line.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-exit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFlow(string toml)
    {
        File.WriteAllText(Path.Combine(_dir, "root.toml"), toml);
        return _dir;
    }

    // multiply takes only non-negative integers: -1 on i2 makes every job fail with "Could not get i2".
    private const string ThreeFailures = """
        flow = "failing"
        [[process]]
        source = "lib://flowstdlib/math/sequence"
        input.start = { once = 1 }
        input.step = { once = 1 }
        input.limit = { once = 3 }
        [[process]]
        source = "lib://flowstdlib/math/multiply"
        input.i2 = { always = -1 }
        [[process]]
        source = "context://stdio/stdout"
        input.default = { once = "printed" }
        [[connection]]
        from = "sequence/number"
        to = "multiply/i1"
        [[connection]]
        from = "multiply"
        to = "stdout"
        """;

    [Fact]
    public void Failed_jobs_make_the_exit_code_2_with_one_summary_line_after_the_flow()
    {
        var result = FlowrProcess.Run([WriteFlow(ThreeFailures)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("printed\n", result.Stdout);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Count(l => l.StartsWith("ERROR - Error in Job#", StringComparison.Ordinal)));
        Assert.Matches(@"^flowr: 3 jobs failed; first: Job#\d+: /failing/multiply: Could not get i2$", lines[^1]);
    }

    [Fact]
    public void Metrics_stay_upstreams_and_the_failures_follow_them()
    {
        var result = FlowrProcess.Run(["-m", WriteFlow(ThreeFailures)]);

        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        int metrics = Array.IndexOf(lines, "Metrics: ");
        Assert.StartsWith(" Number of Functions: ", lines[metrics + 1], StringComparison.Ordinal);
        Assert.StartsWith("Max Jobs in Parallel: ", lines[metrics + 5], StringComparison.Ordinal);
        Assert.Equal("Jobs failed: 3", lines[metrics + 6]);
    }

    [Fact]
    public void One_failure_is_one_job()
    {
        var result = FlowrProcess.Run([WriteFlow("""
            flow = "one"
            [[process]]
            source = "lib://flowstdlib/math/multiply"
            input.i1 = { once = -1 }
            input.i2 = { once = 2 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "multiply"
            to = "stdout"
            """)]);

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("flowr: 1 job failed; first: Job#1: /one/multiply: Could not get i1\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_that_ran_cleanly_exits_0_with_nothing_on_stderr()
    {
        var result = FlowrProcess.Run([TestFlows.Example("fibonacci")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }
}
