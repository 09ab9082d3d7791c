// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;
using Flowr.Tests.Debugger;

namespace Flowr.Distributed.Tests.Debugger;

/// <summary>
/// <c>flowr -d -t 0</c> with a real flowrex in a private network namespace, typed at through a
/// pseudo-terminal: breaks happen in flowr before the run's job is dispatched, and a flowrex stays connected
/// while the user sits at the prompt (heartbeats), then runs the rest of the flow.
/// </summary>
public sealed class DebuggerRemoteTests
{
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Fact]
    public void Breaks_before_dispatch_and_the_flowrex_stays_connected_through_a_long_pause()
    {
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Scenario.StartFlowrex(lab, ns, verbosity: "debug", threads: 1);
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        string directory = lab.CopyExample("fibonacci");
        string output = Path.Combine(directory, "out.txt"), log = Path.Combine(directory, "err.txt");
        var environment = new Dictionary<string, string>(lab.Env) { ["HOME"] = directory };
        using var session = PtySession.Start(
            $"exec '{Binaries.Flowr}' -d -t 0 -v info --executor-timeout 60 '{directory}' > '{output}' 2> '{log}'", directory, environment, ns);

        session.Command("b add", Limit);
        session.WaitFor("Breakpoint set on function #0 /my-first-flow/add", Limit);
        session.Command("r", Limit);
        session.WaitFor("Break before Job #1 of #0 /my-first-flow/add (breakpoint on function #0 /my-first-flow/add), to run on the job service for flowrex executors", Limit);
        WaitForLog(log, "joined from");

        // Longer than the 5 s after which either side drops a silent peer: only heartbeats keep it.
        Thread.Sleep(TimeSpan.FromSeconds(7));
        session.Command("p", Limit);
        session.WaitFor("Jobs in flight:\n  Job #1 of #0 /my-first-flow/add next, to run on the job service for flowrex executors (1 connected)\n", Limit);
        // Stopped before dispatch, in the run's initialization (the speculation starts after it): the flowrex has run nothing yet.
        Assert.DoesNotContain(flowrex.StderrLines, l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal));
        session.Command("s", Limit);
        session.WaitFor("Job #1 of #0 /my-first-flow/add finished: output 1\n", Limit);
        session.Command("d *", Limit);
        session.WaitFor("Deleted 2 breakpoint(s)", Limit);
        session.Command("c", Limit);
        session.WaitFor("Flow has completed: 183 jobs created", Limit);
        session.Command("q", Limit);

        Assert.Equal(0, session.WaitForExit(Limit));
        Assert.Equal(File.ReadAllText(Path.Combine(Binaries.Examples, "fibonacci", "expected.stdout")), File.ReadAllText(output));
        Assert.Single(File.ReadAllLines(log), l => l.Contains("joined from", StringComparison.Ordinal));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        Assert.DoesNotContain(flowrex.StderrLines, l => l.Contains("Connection to flowr ended", StringComparison.Ordinal));
        Assert.Single(flowrex.StderrLines, l => l.StartsWith("INFO - Flow done: ran ", StringComparison.Ordinal));
        Assert.True(flowrex.StderrLines.Count(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal)) >= 90);
    }

    private static void WaitForLog(string path, string text)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(path) || !File.ReadAllText(path).Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > Limit) throw new TimeoutException($"'{text}' not logged in {path}");
            Thread.Sleep(50);
        }
    }
}
