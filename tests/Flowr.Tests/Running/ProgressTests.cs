// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>
/// The progress line: on a terminal (a pseudo-terminal from <c>script</c>) it appears after a second,
/// is redrawn a few times a second and erased at the end; in a pipe it never shows unless forced.
/// </summary>
public sealed class ProgressTests
{
    private static int Count(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    [Fact]
    public void On_a_terminal_the_status_line_is_redrawn_and_erased_at_the_end()
    {
        using var flowr = RunningFlowr.StartOnTerminal([TestFlows.Path("count"), TestFlows.Forever]);
        flowr.WaitUntil((output, _) => Count(output, TestFlows.StatusText) >= 3, TestFlows.Patience, "three status updates");

        flowr.Signal(RunningFlowr.SIGTERM, flowr.FlowrPid());
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(143, exitCode);
        string output = flowr.Stdout;
        // Each update starts by erasing the previous one; the last thing written erases the last update.
        Assert.Matches(@"flowr: [\d,]+ jobs done, [\d,]+ jobs/s, \d+ in flight, \d+ executors?", output);
        // The count moves while the flow runs, even when every job runs on the coordinator's thread.
        var done = System.Text.RegularExpressions.Regex.Matches(output, @"flowr: ([\d,]+) jobs done")
            .Select(m => long.Parse(m.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(done[^1] > done[0], $"the jobs done did not move: {string.Join(", ", done)}");
        Assert.Equal(Count(output, TestFlows.StatusText) + 1, Count(output, TestFlows.Erase));
        Assert.EndsWith(TestFlows.Erase, output, StringComparison.Ordinal);
    }

    [Fact]
    public void No_progress_keeps_the_terminal_clean()
    {
        using var flowr = RunningFlowr.StartOnTerminal(["--no-progress", "-v", "info", TestFlows.Path("count"), TestFlows.Forever]);
        Thread.Sleep(TimeSpan.FromSeconds(2));

        flowr.Signal(RunningFlowr.SIGTERM, flowr.FlowrPid());
        flowr.WaitForExit(TestFlows.Patience);

        Assert.Contains("Stopping (SIGTERM)", flowr.Stdout);
        Assert.DoesNotContain(TestFlows.StatusText, flowr.Stdout);
    }

    [Fact]
    public void In_a_pipe_there_is_no_status_line()
    {
        using var flowr = RunningFlowr.Start(["-v", "info", TestFlows.Path("count"), TestFlows.Forever]);
        Thread.Sleep(TimeSpan.FromSeconds(2));

        flowr.Signal(RunningFlowr.SIGTERM);
        Assert.Equal(143, flowr.WaitForExit(TestFlows.Patience));

        Assert.Contains("Stopping (SIGTERM)", flowr.Stderr);
        Assert.DoesNotContain(TestFlows.StatusText, flowr.Stderr);
        Assert.DoesNotContain("\u001b", flowr.Stderr);
    }
}
