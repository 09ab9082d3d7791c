// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;

namespace Flowr.Mdns.Tests.Infrastructure;

/// <summary>
/// Network namespaces created for one test class (netns/lab.sh): either a bridged LAN of hosts
/// (10.251.0.N on lab0) or a single loopback-only namespace. Disposal stops what was started in them
/// (avahi by its recorded PIDs, the rest through lab.sh down) and deletes the namespaces.
/// </summary>
internal sealed class NetLab : IAsyncDisposable
{
    private static int _counter;
    private readonly List<ChildProcess> _processes = [];
    private readonly List<string> _avahiDirs = [];
    private readonly string _stateDir;

    private NetLab(string prefix, IReadOnlyList<string> hosts)
    {
        Prefix = prefix;
        Hosts = hosts;
        _stateDir = Path.Combine(Path.GetTempPath(), prefix);
    }

    public string Prefix { get; }

    public IReadOnlyList<string> Hosts { get; }

    /// <summary>A LAN of namespaces PREFIX-host on one bridge; host i has 10.251.0.(i+1).</summary>
    public static async Task<NetLab> CreateLanAsync(params string[] hosts)
    {
        TestEnvironment.RequireLab();
        var lab = new NetLab(NewPrefix(), hosts);
        try
        {
            await lab.ScriptAsync("lab.sh", ["up", lab.Prefix, .. hosts]);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }

        return lab;
    }

    /// <summary>One namespace with only a multicast-enabled loopback (no other link, nothing leaves it).</summary>
    public static async Task<NetLab> CreateLoopbackAsync()
    {
        TestEnvironment.RequireLab();
        var lab = new NetLab(NewPrefix(), ["lo"]);
        try
        {
            await lab.ScriptAsync("lab.sh", ["loop", lab.Namespace("lo")]);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }

        return lab;
    }

    public string Namespace(string host) => $"{Prefix}-{host}";

    public string Address(string host) => $"10.251.0.{Hosts.ToList().IndexOf(host) + 1}";

    /// <summary>Starts a command inside a host's namespace; it is ended when the lab is disposed.</summary>
    public ChildProcess Exec(string host, string fileName, IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var child = ChildProcess.Start("/usr/sbin/ip", ["netns", "exec", Namespace(host), fileName, .. args], env);
        lock (_processes)
        {
            _processes.Add(child);
        }

        return child;
    }

    /// <summary>Runs this test assembly's helper tool (Tool/MdnsTool.cs) in a host's namespace.</summary>
    public ChildProcess Tool(string host, params string[] args) =>
        Exec(host, TestEnvironment.Dotnet, [TestEnvironment.ToolAssembly, .. args]);

    public ChildProcess Python(string host, string script, params string[] args) =>
        Exec(host, "/usr/bin/python3", [Path.Combine(TestEnvironment.NetnsDirectory, script), .. args]);

    /// <summary>Starts avahi-daemon with a private D-Bus in a host's namespace; returns its bus address.</summary>
    public async Task<string> StartAvahiAsync(string host, string iface = "lab0")
    {
        string dir = Path.Combine(_stateDir, "avahi-" + host);
        lock (_avahiDirs)
        {
            _avahiDirs.Add(dir);
        }

        await ScriptAsync("avahi.sh", ["start", dir, host, Namespace(host), iface]);
        return $"unix:path={dir}/dbus.sock";
    }

    /// <summary>Runs an avahi client (avahi-browse, avahi-publish) inside a host's namespace on that host's bus.</summary>
    public ChildProcess Avahi(string host, string bus, string command, params string[] args) =>
        Exec(host, command, args, new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus });

    public async ValueTask DisposeAsync()
    {
        List<ChildProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        foreach (var p in processes)
        {
            await p.DisposeAsync();
        }

        foreach (var dir in _avahiDirs)
        {
            await ScriptAsync("avahi.sh", ["stop", dir], throwOnError: false);
        }

        await ScriptAsync("lab.sh", ["down", Prefix], throwOnError: false);
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string NewPrefix()
    {
        int n = Interlocked.Increment(ref _counter);
        if (n == 1)
        {
            RemoveStaleLabs();
        }

        return $"fm{Environment.ProcessId}x{n}";
    }

    /// <summary>Deletes labs left by test processes that died (their PID is in the namespace name).</summary>
    private static void RemoveStaleLabs()
    {
        if (!Directory.Exists("/var/run/netns"))
        {
            return;
        }

        var stale = Directory.GetFiles("/var/run/netns")
            .Select(Path.GetFileName)
            .Select(n => System.Text.RegularExpressions.Regex.Match(n!, "^(fm([0-9]+)x[0-9]+)-"))
            .Where(m => m.Success && !Directory.Exists($"/proc/{m.Groups[2].Value}"))
            .Select(m => m.Groups[1].Value)
            .Distinct();
        foreach (var prefix in stale)
        {
            using var down = Process.Start("/bin/bash", [Path.Combine(TestEnvironment.NetnsDirectory, "lab.sh"), "down", prefix]);
            down.WaitForExit(30_000);
        }
    }

    private async Task ScriptAsync(string script, string[] args, bool throwOnError = true)
    {
        await using var child = ChildProcess.Start("/bin/bash", [Path.Combine(TestEnvironment.NetnsDirectory, script), .. args]);
        int code = await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
        if (code != 0 && throwOnError)
        {
            throw new InvalidOperationException($"{script} {string.Join(' ', args)} failed ({code}):\n{child.Output}");
        }
    }
}
