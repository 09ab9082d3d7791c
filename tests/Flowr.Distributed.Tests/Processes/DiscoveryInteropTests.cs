// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// The invitation path seen from outside: the seed scenario's logs, avahi's view of both service types
/// (and of the goodbyes), and an arm64 flowrex under qemu invited by an x64 flowr.
/// </summary>
public sealed class DiscoveryInteropTests
{
    private static readonly TimeSpan Limit = DiscoveryLab.Limit;

    [Fact]
    public void The_seed_scenario_logs_the_same_lines_when_flowr_invites_the_waiting_flowrex()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        // The default service types, as a new user runs it; the namespace keeps them private.
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "info", "-t", "2"], ns);
        flowrex.WaitForStderr(l => l == Scenario.Waiting, Limit);
        Thread.Sleep(1500);   // its own advertisement is announced by now

        string directory = Path.Combine(Binaries.Examples, "fibonacci");
        using var flowr = Child.Start(Binaries.Flowr, ["-t", "0", directory], ns, workingDirectory: directory);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Empty(flowr.StderrLines);

        flowrex.WaitForStderr(l => l == Scenario.Waiting, Limit, count: 2);
        string[] log = flowrex.StderrLines;
        Assert.Equal(5, log.Length);
        Assert.StartsWith("INFO - 'flowrex' version ", log[0], StringComparison.Ordinal);
        Assert.Equal(["INFO - Starting 2 executor threads", Scenario.Waiting, "INFO - Flow done: ran 92 job(s)", Scenario.Waiting], log[1..]);
        flowrex.Terminate();
        Assert.Equal(0, flowrex.WaitForExit(Limit));
    }

    [Fact]
    public void Avahi_browse_sees_both_service_types_and_their_goodbyes()
    {
        using var lab = NetworkLab.Lan(3, out string[] hosts);
        using var avahi = new DiscoveryLab.Avahi(hosts[2]);
        var env = new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = avahi.Bus };
        string executorType = DiscoveryLab.ExecutorType(lab);
        using var executors = Child.Start("/usr/bin/avahi-browse", ["-r", "-p", executorType], hosts[2], env);
        using var jobs = Child.Start("/usr/bin/avahi-browse", ["-r", "-p", lab.ServiceType], hosts[2], env);

        using var flowrex = Scenario.StartFlowrex(lab, hosts[1], threads: 1);
        flowrex.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);
        var (instance, port) = DiscoveryLab.Advertisement(flowrex);
        string address = DiscoveryLab.AddressOf(hosts[1]);
        string resolved = DiscoveryLab.WaitForStdout(executors,
            l => l.StartsWith($"=;lab0;IPv4;{instance};{executorType};local;", StringComparison.Ordinal) && l.Contains($";{address};{port};", StringComparison.Ordinal), Limit);
        string proto = ProtocolConstants.Version.ToString(CultureInfo.InvariantCulture);
        foreach (string txt in (string[])[$"\"proto={proto}\"", "\"busy=0\"", "\"threads=1\"", "\"arch=x64\""]) Assert.Contains(txt, resolved, StringComparison.Ordinal);

        // A flowr that keeps waiting for a second executor: it takes this one, and announces its job service.
        using var flowr = Scenario.StartRemoteFlowr(lab, hosts[0], "fibonacci", "info", "--wait-executors", "2");
        flowr.WaitForStderr(l => l.Contains("joined from 10.252.", StringComparison.Ordinal), Limit);
        DiscoveryLab.WaitForStdout(jobs,
            l => l.StartsWith($"=;lab0;IPv4;jobs;{lab.ServiceType};local;", StringComparison.Ordinal) && l.Contains($"\"proto={proto}\"", StringComparison.Ordinal), Limit);

        flowrex.Terminate();
        Assert.Equal(0, flowrex.WaitForExit(Limit));
        DiscoveryLab.WaitForStdout(executors, l => l == $"-;lab0;IPv4;{instance};{executorType};local", Limit);
        flowr.Terminate();
        flowr.WaitForExit(Limit);
        DiscoveryLab.WaitForStdout(jobs, l => l == $"-;lab0;IPv4;jobs;{lab.ServiceType};local", Limit);
    }

    [Fact]
    public void The_arm64_flowrex_under_qemu_is_invited_by_an_x64_flowr()
    {
        string expected = Scenario.Reference("fibonacci");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Child.Start(Binaries.FlowrexArm64, ["-v", "debug", "-t", "2"], ns,
            new Dictionary<string, string>(lab.Env) { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" }, wrapper: "/usr/bin/qemu-aarch64");
        flowrex.WaitForStderr(DiscoveryLab.IsAdvertised, Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "fibonacci", "debug");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Assert.Equal(expected, flowr.Stdout);
        Assert.Single(DiscoveryLab.InvitedAfter(flowr));
        Assert.Contains(flowr.StderrLines, l => l.Contains("(arm64, 2 threads", StringComparison.Ordinal));
        Assert.Contains(flowrex.StderrLines, l => l.StartsWith("DEBUG - Invited by flowr at 127.0.0.1:", StringComparison.Ordinal));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
    }
}
