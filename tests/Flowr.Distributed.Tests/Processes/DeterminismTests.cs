// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// A flow prints the same bytes however its jobs are run: flowr's default threads, one thread, every
/// library job on a flowrex (<c>-t 0</c>), or flowr's threads and a flowrex together (<c>--remote</c>),
/// run after run. Each remote run has a flowrex of its own, joined before the flow starts, so every
/// mode really runs as named. (With <c>--remote</c> flowr keeps short flowstdlib jobs on its own thread,
/// so there the flowrex runs the WebAssembly jobs; with <c>-t 0</c> it runs every library job.)
/// </summary>
public sealed class DeterminismTests
{
    private const int Runs = 5;
    private const int JobPort = 47100;
    private static readonly TimeSpan Limit = Scenario.Limit;

    public static TheoryData<string> Examples() => [.. Scenario.Examples()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_prints_the_same_bytes_in_every_mode_every_time(string example)
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = lab.CopyExample(example);
        bool usesLibrary = Scenario.HasNonContextFunctions(directory);
        string? first = null;
        string firstMode = "";
        foreach (string[] mode in (string[][])[[], ["-t", "1"], ["-t", "0"], ["--remote", "-t", "1"]])
        {
            bool remote = mode.Contains("-t") && mode.Contains("0") || mode.Contains("--remote");
            for (int run = 1; run <= Runs; run++)
            {
                string output = remote && usesLibrary ? RunWithFlowrex(lab, ns, directory, mode) : RunLocally(lab, ns, directory, mode);
                string name = $"{string.Join(' ', mode)} run {run}".Trim();
                if (first is null)
                {
                    first = output;
                    firstMode = name;
                }
                else
                {
                    Assert.True(first == output, $"{example}: '{name}' printed other bytes than '{firstMode}'\n--- {firstMode}\n{first}\n--- {name}\n{output}");
                }
            }
        }
    }

    private static string RunLocally(NetworkLab lab, string ns, string directory, string[] mode)
    {
        DeleteOutputFile(directory);
        using var flowr = Child.Start(Binaries.Flowr, [.. mode, directory, .. Scenario.ArgsOf(directory)], ns, lab.Env,
            workingDirectory: directory, stdin: Scenario.StdinOf(directory));
        int exit = flowr.WaitForExit(Limit);
        Assert.True(exit == 0, $"flowr {string.Join(' ', mode)} exited with {exit}; stderr:\n{flowr.Tail()}");
        return flowr.Stdout + Scenario.OutputFileOf(directory);
    }

    private static string RunWithFlowrex(NetworkLab lab, string ns, string directory, string[] mode)
    {
        DeleteOutputFile(directory);
        using var flowr = Child.Start(Binaries.Flowr,
            [.. mode, "-v", "info", "--job-port", $"{JobPort}", "--wait-executors", "1", "--executor-timeout", "60", directory, .. Scenario.ArgsOf(directory)],
            ns, lab.Env, workingDirectory: directory, stdin: Scenario.StdinOf(directory));
        flowr.WaitForStderr(l => l.Contains("executor(s) to join before starting the flow", StringComparison.Ordinal), Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "2", "--coordinator", $"127.0.0.1:{JobPort}"], ns, lab.Env);
        int exit = flowr.WaitForExit(Limit);
        Assert.True(exit == 0, $"flowr {string.Join(' ', mode)} exited with {exit}; stderr:\n{flowr.Tail()}\nflowrex stderr:\n{flowrex.Tail()}");
        Assert.Contains(flowr.StderrLines, l => l.Contains("joined from", StringComparison.Ordinal));
        return flowr.Stdout + Scenario.OutputFileOf(directory);
    }

    private static void DeleteOutputFile(string directory)
    {
        string path = Path.Combine(directory, "test.file");
        if (File.Exists(path)) File.Delete(path);
    }
}
