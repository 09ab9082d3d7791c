// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// No size kills a run: values larger than a 16 MiB frame travel in fragments both ways, so a flow that
/// makes a 20 MB result and one that reads a 17 MiB file give with every job on a flowrex what they give
/// locally; a value over a side's largest message gives one clear error, or runs in flowr, never a loop.
/// </summary>
public sealed class BigValueTests
{
    private const int JobPort = 47250;
    private static readonly TimeSpan Limit = Scenario.Limit;

    /// <summary>duplicate makes an array of 20,000 strings of 1 KiB (20 MB encoded); info describes it; stdout prints its length.</summary>
    private static string BigResultFlow() => $$"""
        flow = "big-result"

        [[process]]
        source = "lib://flowstdlib/data/duplicate"
        input.value = { once = "{{new string('x', 1024)}}" }
        input.factor = { once = 20000 }

        [[process]]
        source = "lib://flowstdlib/data/info"

        [[process]]
        source = "context://stdio/stdout"

        [[connection]]
        from = "duplicate"
        to = "info"

        [[connection]]
        from = "info/columns"
        to = "stdout"
        """;

    /// <summary>file_read (in flowr) reads a 17 MiB file; info (on the executor) measures it.</summary>
    private const string BigInputFlow = """
        flow = "big-input"

        [[process]]
        source = "context://file/file_read"
        input.path = { once = "big.txt" }

        [[process]]
        source = "lib://flowstdlib/data/info"

        [[process]]
        source = "context://stdio/stdout"

        [[connection]]
        from = "file_read/string"
        to = "info"

        [[connection]]
        from = "info/columns"
        to = "stdout"
        """;

    private static string WriteFlow(NetworkLab lab, string name, string toml)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"flowr-big-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "root.toml"), toml);
        if (name == "big-input") File.WriteAllText(Path.Combine(directory, "big.txt"), new string('y', 17 * 1024 * 1024));
        return directory;
    }

    private static (int Exit, string Stdout, string Stderr) RunLocal(string directory)
    {
        using var flowr = Child.Start(Binaries.Flowr, [directory], workingDirectory: directory);
        int exit = flowr.WaitForExit(Limit);
        return (exit, flowr.Stdout, flowr.Stderr);
    }

    private static (int Exit, string Stdout, string Stderr, string FlowrexLog) RunOnFlowrex(NetworkLab lab, string ns, string directory,
        string[] flowrArgs, string[] flowrexArgs)
    {
        using var flowr = Child.Start(Binaries.Flowr,
            ["-t", "0", "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "1", "--executor-timeout", "60", .. flowrArgs, directory],
            ns, lab.Env, workingDirectory: directory);
        flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "-v", "info", "--coordinator", $"127.0.0.1:{JobPort}", .. flowrexArgs], ns, lab.Env);
        int exit = flowr.WaitForExit(Limit);
        Assert.Contains(flowr.StderrLines, l => l.Contains("joined from", StringComparison.Ordinal));
        return (exit, flowr.Stdout, flowr.Stderr, flowrex.Stderr);
    }

    [Theory]
    [InlineData("big-result")]
    [InlineData("big-input")]
    public void A_value_larger_than_a_frame_travels_in_fragments(string name)
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = WriteFlow(lab, name, name == "big-result" ? BigResultFlow() : BigInputFlow);
        try
        {
            var local = RunLocal(directory);
            Assert.Equal(0, local.Exit);
            Assert.Equal(name == "big-result" ? "20000\n" : $"{17 * 1024 * 1024}\n", local.Stdout);
            var remote = RunOnFlowrex(lab, ns, directory, [], []);
            Assert.True(remote.Exit == 0, remote.Stderr);
            Assert.Equal(local.Stdout, remote.Stdout);
            Assert.DoesNotContain("Unhandled exception", remote.FlowrexLog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_result_larger_than_flowr_takes_is_one_clear_error()
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = WriteFlow(lab, "big-result", BigResultFlow());
        try
        {
            var remote = RunOnFlowrex(lab, ns, directory, ["--max-value-size", $"{16 * 1024 * 1024}"], []);
            Assert.Equal(2, remote.Exit);
            Assert.Single(remote.Stderr.Split('\n'), l => l.Contains("larger than the largest message flowr takes", StringComparison.Ordinal) && l.Contains("ERROR", StringComparison.Ordinal));
            Assert.Equal("", remote.Stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_job_larger_than_the_executor_takes_runs_in_flowr()
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = WriteFlow(lab, "big-input", BigInputFlow);
        try
        {
            var remote = RunOnFlowrex(lab, ns, directory, [], ["--max-value-size", "1M"]);
            Assert.True(remote.Exit == 0, remote.Stderr);
            Assert.Equal($"{17 * 1024 * 1024}\n", remote.Stdout);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
