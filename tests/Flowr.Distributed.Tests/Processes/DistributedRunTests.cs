// Copyright (c) flowr contributors. MIT licence.
using System.Text.RegularExpressions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// flowr -t 0 and flowrex as real processes, discovering each other with mDNS inside private network
/// namespaces (issue 4 §5). Every test kills what it started, by PID, and deletes its namespaces.
/// </summary>
public sealed partial class DistributedRunTests
{
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Fact]
    public void The_two_terminal_scenario_prints_fibonacci_and_flowrex_waits_again()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        // The scenario's exact log line needs the default service type; the namespace keeps it private.
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug"], ns);
        flowrex.WaitForStderr(l => l == Scenario.Waiting, Limit);

        string directory = Path.Combine(Binaries.Examples, "fibonacci");
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "info", directory], ns, workingDirectory: directory);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Contains(flowr.StderrLines, l => l.StartsWith("INFO - Waiting for executors", StringComparison.Ordinal));

        flowrex.WaitForStderr(l => l == Scenario.Waiting, Limit, count: 2);
        string[] log = flowrex.StderrLines;
        Assert.Contains("INFO - Starting " + Environment.ProcessorCount + " executor threads", log);
        int jobs = log.Count(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal));
        Assert.True(jobs >= 90, $"flowrex logged {jobs} jobs");
        int lastJob = Array.FindLastIndex(log, l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal));
        Assert.Equal(Scenario.Waiting, log.Skip(lastJob).Last(l => l.StartsWith("INFO", StringComparison.Ordinal)));
        // No WebAssembly in this flow, so flowrex never loads Wasmtime.
        Assert.DoesNotContain(log, l => l.Contains("Wasmtime loaded", StringComparison.Ordinal));

        flowrex.Terminate();
        Assert.Equal(0, flowrex.WaitForExit(Limit));
    }

    public static TheoryData<string> Examples() => [.. Scenario.Examples()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_gives_the_same_output_with_one_flowrex(string example)
    {
        string expected = Scenario.Reference(example);
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Scenario.StartFlowrex(lab, ns, verbosity: "info");
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, example);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput(example, expected, Scenario.Output(flowr, lab, example));
        // Only a flow of context functions alone needs no executor: flowr then opens no job service.
        bool usesLibrary = Scenario.HasNonContextFunctions(lab.ExampleCopy(example));
        Assert.Equal(usesLibrary, flowr.StderrLines.Any(l => l.StartsWith("INFO - Waiting for executors", StringComparison.Ordinal)));
        if (usesLibrary)
        {
            flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
            Assert.Contains(flowrex.StderrLines, l => l.StartsWith("INFO - Flow done: ran ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Two_flowrex_share_one_flow()
    {
        string expected = Scenario.Reference("prime");
        using var lab = NetworkLab.Loopback(out string ns);
        using var first = Scenario.StartFlowrex(lab, ns, threads: 1);
        using var second = Scenario.StartFlowrex(lab, ns, threads: 1);
        first.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        second.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "prime", extra: ["--wait-executors", "2"]);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput("prime", expected, Scenario.Output(flowr, lab, "prime"));
        Assert.Equal(2, flowr.StderrLines.Count(l => l.Contains("joined from", StringComparison.Ordinal)));
        Assert.True(JobLines(first) > 0, "the first flowrex ran no job");
        Assert.True(JobLines(second) > 0, "the second flowrex ran no job");
    }

    [Fact]
    public void A_flowrex_started_after_flowr_joins_and_runs_the_flow()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "fibonacci");
        flowr.WaitForStderr(l => l.StartsWith("INFO - Waiting for executors", StringComparison.Ordinal), Limit);
        Thread.Sleep(1500);
        Assert.False(flowr.HasExited);
        using var flowrex = Scenario.StartFlowrex(lab, ns);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.True(JobLines(flowrex) >= 90);
    }

    [Fact]
    public void A_flowrex_killed_mid_flow_leaves_its_jobs_to_another()
    {
        string expected = Scenario.Reference("mandelbrot");
        using var lab = NetworkLab.Loopback(out string ns);
        using var victim = Scenario.StartFlowrex(lab, ns, threads: 1);
        using var survivor = Scenario.StartFlowrex(lab, ns, threads: 1);
        victim.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        survivor.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "mandelbrot", "info", "--wait-executors", "2");
        victim.WaitForStderr(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal), Limit, count: 2000);
        victim.Kill();

        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, Scenario.Output(flowr, lab, "mandelbrot"));
        // Usually the victim dies with jobs outstanding (WARN … will run elsewhere); between two batches it has none.
        Assert.True(flowr.StderrLines.Any(l => l.Contains("Executor '", StringComparison.Ordinal)
            && (l.Contains("will run elsewhere", StringComparison.Ordinal) || l.Contains("closed", StringComparison.Ordinal))), flowr.Stderr);
        survivor.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
    }

    [Fact]
    public void Malformed_frames_at_the_job_port_are_rejected_and_the_flow_goes_on()
    {
        string expected = Scenario.Reference("prime");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "prime");
        flowr.WaitForStderr(l => l.StartsWith("INFO - Waiting for executors", StringComparison.Ordinal), Limit);
        int port = int.Parse(PortPattern().Match(string.Join('\n', flowr.StderrLines)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (string bytes in (string[])[@"\xff\xff\xff\x7f\x01", @"\x01\x00\x00\x00\x63", @"\x03\x00\x00\x00\x01\x01\x00", "GET / HTTP/1.1\r\n\r\n"])
        {
            using var send = Child.Start("/bin/bash", ["-c", $"printf '{bytes}' > /dev/tcp/127.0.0.1/{port}; sleep 0.2"], ns);
            Assert.Equal(0, send.WaitForExit(Limit));
        }
        using var flowrex = Scenario.StartFlowrex(lab, ns);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput("prime", expected, Scenario.Output(flowr, lab, "prime"));
        Assert.True(flowr.StderrLines.Count(l => l.Contains("protocol error", StringComparison.Ordinal)) >= 3, flowr.Stderr);
    }

    [Fact]
    public void Flowr_and_two_flowrex_on_three_hosts_of_a_private_lan()
    {
        string expected = Scenario.Reference("prime");
        using var lab = NetworkLab.Lan(3, out string[] hosts);
        using var first = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        using var second = Scenario.StartFlowrex(lab, hosts[2], threads: 1);
        first.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        second.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "prime", "info", "--wait-executors", "2");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput("prime", expected, Scenario.Output(flowr, lab, "prime"));
        Assert.Equal(2, flowr.StderrLines.Count(l => l.Contains("joined from 10.252.", StringComparison.Ordinal)));
        first.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        second.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
    }

    [Fact]
    public void The_arm64_flowrex_under_qemu_finds_an_x64_flowr_with_mdns_and_serves_it()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Child.Start(Binaries.FlowrexArm64, ["-v", "debug", "-t", "2"], ns,
            new Dictionary<string, string>(lab.Env) { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" }, wrapper: "/usr/bin/qemu-aarch64");
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "fibonacci");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Contains(flowr.StderrLines, l => l.Contains("(arm64, 2 threads", StringComparison.Ordinal));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
    }

    [Fact]
    public void Without_an_executor_flowr_fails_clearly_after_its_timeout()
    {
        using var lab = NetworkLab.Loopback(out string ns);
        string directory = Path.Combine(Binaries.Examples, "fibonacci");
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "--executor-timeout", "2", directory], ns, lab.Env, workingDirectory: directory);
        Assert.Equal(1, flowr.WaitForExit(Limit));
        Assert.Contains("no executor joined within 2 s", flowr.Stderr, StringComparison.Ordinal);
    }

    private static int JobLines(Child flowrex) => flowrex.StderrLines.Count(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal));

    [GeneratedRegex(@"port (\d+)")]
    private static partial Regex PortPattern();
}
