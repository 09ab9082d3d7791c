// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Tests.Context;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>
/// Stopping a long run of the native flowr: SIGINT and SIGTERM end it with metrics and image
/// buffers written and exit 130 / 143; a job that does not finish is given one second; a second
/// SIGINT exits at once; a closed stdout ends it quietly. Each test waits for the progress line
/// (forced with --progress) so it knows the flow is running before it signals.
/// </summary>
public sealed class StopTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-stop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void WaitForStatusLine(RunningFlowr flowr) =>
        flowr.WaitUntil((_, err) => err.Contains(TestFlows.StatusText, StringComparison.Ordinal), TestFlows.Patience, "the progress line");

    private static string[] MetricsLines(string stdout)
    {
        string[] lines = stdout.Split('\n');
        int start = Array.IndexOf(lines, "Metrics: ");
        Assert.True(start > 0, $"no metrics in:\n{stdout}");
        return lines[start..(start + 6)];
    }

    [Fact]
    public void Sigint_stops_the_flow_prints_the_metrics_and_exits_130()
    {
        using var flowr = RunningFlowr.Start(["--progress", "-m", TestFlows.Path("count"), TestFlows.Forever]);
        WaitForStatusLine(flowr);

        flowr.Signal(RunningFlowr.SIGINT);
        var stopping = Stopwatch.StartNew();
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(130, exitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"took {stopping.Elapsed}");
        string[] metrics = MetricsLines(flowr.Stdout);
        Assert.StartsWith(" Number of Functions: ", metrics[1], StringComparison.Ordinal);
        Assert.Matches(@"^Number of Jobs Created: [1-9]\d*$", metrics[2]);
        Assert.StartsWith("Max Jobs in Parallel: ", metrics[5], StringComparison.Ordinal);
        // No stall report and no error for an interrupted run; the status line is erased at the end.
        Assert.EndsWith(TestFlows.Erase, flowr.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", flowr.Stderr);
    }

    [Fact]
    public void Sigterm_writes_the_image_buffers_and_exits_143()
    {
        using var flowr = RunningFlowr.Start(["--progress", "-m", TestFlows.Path("image-then-count"), TestFlows.Forever, "stopped.png"], _dir);
        WaitForStatusLine(flowr);

        flowr.Signal(RunningFlowr.SIGTERM);
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(143, exitCode);
        MetricsLines(flowr.Stdout);
        var (width, height, rgb, _) = PngReader.Decode(File.ReadAllBytes(Path.Combine(_dir, "stopped.png")));
        Assert.Equal((2, 2), (width, height));
        Assert.Equal(new byte[] { 255, 0, 0 }, rgb[..3]);
    }

    [Fact]
    public void A_job_that_does_not_finish_gets_one_second_then_the_run_ends_without_it()
    {
        // line-echo's readline waits on stdin, which the test keeps open.
        using var flowr = RunningFlowr.Start(["-m", TestFlows.Example("line-echo")]);
        flowr.WaitUntil((output, _) => output.StartsWith("> ", StringComparison.Ordinal), TestFlows.Patience, "the prompt");

        flowr.Signal(RunningFlowr.SIGINT);
        var stopping = Stopwatch.StartNew();
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(130, exitCode);
        Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(0.9), $"ended after {stopping.Elapsed}, before the grace second");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"took {stopping.Elapsed}");
        Assert.Equal("Number of Jobs Created: 1", MetricsLines(flowr.Stdout)[2]);
    }

    [Fact]
    public void A_second_sigint_exits_at_once()
    {
        using var flowr = RunningFlowr.Start(["-m", TestFlows.Example("line-echo")]);
        flowr.WaitUntil((output, _) => output.StartsWith("> ", StringComparison.Ordinal), TestFlows.Patience, "the prompt");

        flowr.Signal(RunningFlowr.SIGINT);
        Thread.Sleep(100);
        flowr.Signal(RunningFlowr.SIGINT);
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(130, exitCode);
        // The grace second had not passed, so the metrics that end a stopped run were never printed.
        Assert.DoesNotContain("Metrics:", flowr.Stdout);
    }

    [Fact]
    public void A_closed_stdout_stops_the_flow_quietly()
    {
        using var flowr = RunningFlowr.Start(["-m", TestFlows.Path("print-numbers"), TestFlows.Forever]);
        flowr.WaitUntil((output, _) => output.Split('\n').Length > 3, TestFlows.Patience, "three lines");

        flowr.CloseStdout();
        var closed = Stopwatch.StartNew();
        int exitCode = flowr.WaitForExit(TestFlows.Patience);

        Assert.Equal(141, exitCode);
        Assert.True(closed.Elapsed < TimeSpan.FromSeconds(5), $"took {closed.Elapsed}");
        Assert.Equal("", flowr.Stderr);
    }
}
