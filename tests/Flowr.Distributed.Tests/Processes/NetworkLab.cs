// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// Private network namespaces for one test, so mDNS never reaches a real network: either one
/// namespace with a multicast-enabled loopback, or hosts on a private bridge (10.252.N.0/24).
/// Disposal kills what runs inside them and deletes them.
/// </summary>
internal sealed class NetworkLab : IDisposable
{
    private static int s_counter;
    private readonly List<string> _namespaces = [];
    private readonly string _prefix;

    private NetworkLab()
    {
        _prefix = $"fd{Environment.ProcessId % 10000}x{Interlocked.Increment(ref s_counter)}";
        ServiceType = $"_fx{_prefix}._tcp";
    }

    /// <summary>An mDNS service type of this lab only (FLOWR_MDNS_SERVICE_TYPE), so parallel tests cannot see each other.</summary>
    public string ServiceType { get; }

    public IDictionary<string, string> Env => new Dictionary<string, string> { ["FLOWR_MDNS_SERVICE_TYPE"] = ServiceType };

    /// <summary>One namespace with only lo, multicast routed on it.</summary>
    public static NetworkLab Loopback(out string netns)
    {
        var lab = new NetworkLab();
        netns = lab._prefix + "-lo";
        try
        {
            lab.Add(netns);
            Ip("-n", netns, "link", "set", "lo", "multicast", "on");
            Ip("-n", netns, "route", "add", "224.0.0.0/4", "dev", "lo");
        }
        catch
        {
            lab.Dispose();
            throw;
        }
        return lab;
    }

    /// <summary>Hosts on one bridge; host i gets 10.252.&lt;lab&gt;.(i+1). Returns their namespace names.</summary>
    public static NetworkLab Lan(int hosts, out string[] netns)
    {
        var lab = new NetworkLab();
        int subnet = s_counter % 250 + 1;
        netns = new string[hosts];
        try
        {
            string sw = lab._prefix + "-sw";
            lab.Add(sw);
            Ip("-n", sw, "link", "add", "br0", "type", "bridge");
            Ip("-n", sw, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
            Ip("-n", sw, "link", "set", "br0", "up");
            for (int i = 0; i < hosts; i++)
            {
                string ns = netns[i] = $"{lab._prefix}-h{i}";
                lab.Add(ns);
                Ip("-n", sw, "link", "add", $"p{i}", "type", "veth", "peer", "name", "lab0", "netns", ns);
                Ip("-n", sw, "link", "set", $"p{i}", "master", "br0", "up");
                Ip("-n", ns, "link", "set", "lab0", "multicast", "on", "up");
                Ip("-n", ns, "addr", "add", $"10.252.{subnet}.{i + 1}/24", "dev", "lab0");
                Ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "lab0");
            }
        }
        catch
        {
            lab.Dispose();
            throw;
        }
        return lab;
    }

    /// <summary>Copies an example into this lab's own directory (so files it writes never collide) and returns the copy.</summary>
    public string CopyExample(string example)
    {
        string copy = ExampleCopy(example);
        if (!Directory.Exists(copy)) Scenario.CopyDirectory(Path.Combine(Binaries.Examples, example), copy);
        return copy;
    }

    public string ExampleCopy(string example) => Path.Combine(Path.GetTempPath(), "flowr-" + _prefix, example);

    public void Dispose()
    {
        foreach (string ns in _namespaces)
        {
            string pids = Run("/usr/sbin/ip", ["netns", "pids", ns], throwOnError: false);
            foreach (string pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Run("/bin/kill", ["-KILL", pid], throwOnError: false);
            }
        }
        foreach (string ns in _namespaces) Run("/usr/sbin/ip", ["netns", "del", ns], throwOnError: false);
        string files = Path.Combine(Path.GetTempPath(), "flowr-" + _prefix);
        if (Directory.Exists(files)) Directory.Delete(files, recursive: true);
    }

    private void Add(string ns)
    {
        Ip("netns", "add", ns);
        _namespaces.Add(ns);
        Ip("-n", ns, "link", "set", "lo", "up");
    }

    private static void Ip(params string[] args) => Run("/usr/sbin/ip", args);

    private static string Run(string file, string[] args, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && throwOnError) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        return output;
    }
}
