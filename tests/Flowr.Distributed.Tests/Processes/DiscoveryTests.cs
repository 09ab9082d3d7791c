// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Xunit.Abstractions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// flowr brings in flowrex executors that are already waiting (they advertise NAME._flowrex._tcp and
/// listen; flowr connects), on hosts of a private LAN of namespaces; the job service advertisement still
/// serves executors that start later. Timings are logged and asserted loosely (≤ 500 ms where the design
/// gives a few ms, and the mDNS probing alone took 750–1000 ms before).
/// </summary>
[Collection("timing")]
public sealed class DiscoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = DiscoveryLab.Limit;

    [Fact]
    public void A_waiting_flowrex_on_another_host_joins_within_milliseconds()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(2, out string[] hosts);
        using var flowrex = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        flowrex.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);

        var clock = Stopwatch.StartNew();
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "debug");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        double whole = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(expected, flowr.Stdout);
        double[] invited = DiscoveryLab.InvitedAfter(flowr);
        output.WriteLine($"flowrex invited {string.Join(", ", invited)} ms after flowr started; whole process {whole:0} ms");
        Assert.Single(invited);
        Assert.InRange(invited[0], 0, 500);
        Assert.Single(flowr.StderrLines, l => l.Contains("joined from 10.252.", StringComparison.Ordinal));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        Assert.Contains(flowrex.StderrLines, l => l.StartsWith("DEBUG - Invited by flowr at 10.252.", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_waiting_flowrex_both_join_at_once()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(3, out string[] hosts);
        using var first = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        using var second = Scenario.StartFlowrex(lab, hosts[2], threads: 1);
        first.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);
        second.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);

        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "debug", "--wait-executors", "2");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        double[] invited = DiscoveryLab.InvitedAfter(flowr);
        output.WriteLine($"flowrex invited {string.Join(", ", invited)} ms after flowr started");
        Assert.Equal(2, invited.Length);
        Assert.All(invited, ms => Assert.InRange(ms, 0, 500));
        Assert.Equal(2, flowr.StderrLines.Count(l => l.Contains("joined from 10.252.", StringComparison.Ordinal)));
        first.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        second.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
    }

    [Fact]
    public void A_flowrex_started_after_flowr_joins_within_milliseconds()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(2, out string[] hosts);
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci");
        flowr.WaitForStderr(l => l.StartsWith("INFO - Job service advertised as", StringComparison.Ordinal), Limit);

        var clock = Stopwatch.StartNew();
        using var flowrex = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        flowr.WaitForStderr(l => l.Contains("joined from 10.252.", StringComparison.Ordinal), Limit);
        double joined = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        output.WriteLine($"flowrex joined {joined:0} ms after it was started (process start included)");
        // Before, it found the announced job service 160 ms (up to 1 s) after it started.
        Assert.InRange(joined, 0, 500);
    }

    [Fact]
    public void An_executor_that_does_not_advertise_itself_still_finds_the_job_service()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(2, out string[] hosts);
        // Like an upstream-style executor: it only browses for jobs._flowr._tcp.
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "1", "--no-advertise"], hosts[1], lab.Env);
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        Thread.Sleep(1000);
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "debug");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Empty(DiscoveryLab.InvitedAfter(flowr));
        Assert.Contains(flowr.StderrLines, l => l.StartsWith("INFO - Job service advertised as", StringComparison.Ordinal));
        Assert.Single(flowr.StderrLines, l => l.Contains("joined from 10.252.", StringComparison.Ordinal));
        Assert.DoesNotContain(flowrex.StderrLines, DiscoveryLab.IsAdvertised);
    }

    [Fact]
    public void A_flowrex_busy_with_another_flowr_is_not_taken_and_joins_when_free()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(3, out string[] hosts);
        using var flowrex = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        flowrex.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);
        var (_, port) = DiscoveryLab.Advertisement(flowrex);

        // The first flowr takes the flowrex and keeps it while it waits for a second executor.
        using var holder = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "debug", "--wait-executors", "2");
        holder.WaitForStderr(l => l.Contains("joined from 10.252.", StringComparison.Ordinal), Limit);
        string address = DiscoveryLab.AddressOf(hosts[1]);

        using var second = Scenario.StartRemoteFlowr(lab, hosts[2], "fibonacci", "debug");
        second.WaitForStderr(l => l.Contains("is busy: not invited", StringComparison.Ordinal)
            || l.Contains("declined the invitation", StringComparison.Ordinal), Limit);
        // A busy flowrex closes any connection to its port at once.
        using (var probe = Child.Start("/bin/bash", ["-c", $"exec 3<>/dev/tcp/{address}/{port} && timeout 3 cat <&3 | wc -c"], hosts[2]))
        {
            Assert.Equal(0, probe.WaitForExit(Limit));
            Assert.Equal("0", probe.Stdout.Trim());
        }
        Thread.Sleep(1000);
        Assert.DoesNotContain(second.StderrLines, l => l.Contains("joined from", StringComparison.Ordinal));
        Assert.DoesNotContain(holder.StderrLines, l => l.Contains("closed", StringComparison.Ordinal) || l.Contains("left", StringComparison.Ordinal));

        // Once free (the first flowr is gone), it joins the second one.
        holder.Kill();
        Assert.Equal(0, second.WaitForExit(Limit));
        Assert.Equal(expected, second.Stdout);
        Assert.Single(second.StderrLines, l => l.Contains("joined from 10.252.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stale_executor_record_costs_no_delay()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Lan(3, out string[] hosts);
        string dead = DiscoveryLab.AddressOf(hosts[0])[..^1] + "99";
        using var stale = DiscoveryLab.StartStaleExecutorRecord(lab, hosts[2], dead);
        DiscoveryLab.WaitForStdout(stale, l => l == "READY", Limit);
        using var flowrex = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        flowrex.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);

        // Kept alive by waiting for a second executor: the invitation of the stale record times out meanwhile,
        // after the live executor joined, and the run goes on with it.
        string directory = lab.CopyExample("fibonacci");
        using (var waiting = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "debug", "--wait-executors", "2", "--executor-timeout", "4", directory],
            hosts[0], lab.Env, workingDirectory: directory))
        {
            Assert.Equal(1, waiting.WaitForExit(Limit));
            string[] log = waiting.StderrLines;
            int joined = Array.FindIndex(log, l => l.Contains("joined from 10.252.", StringComparison.Ordinal));
            int staleTimedOut = Array.FindIndex(log, l => l.StartsWith("DEBUG - Could not invite executor stale.", StringComparison.Ordinal) && l.EndsWith("timed out", StringComparison.Ordinal));
            Assert.True(joined >= 0 && staleTimedOut > joined, waiting.Stderr);
            Assert.InRange(DiscoveryLab.InvitedAfter(waiting).Single(), 0, 500);
        }

        // A short flow ends and exits while the stale connection is still pending.
        var clock = Stopwatch.StartNew();
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "debug");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        double whole = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(expected, flowr.Stdout);
        output.WriteLine($"whole process {whole:0} ms with a stale record (its connection times out after 1 s)");
        Assert.Contains(flowr.StderrLines, l => l.StartsWith("DEBUG - Inviting executor stale.", StringComparison.Ordinal));
        Assert.InRange(whole, 0, 950);
    }
}
