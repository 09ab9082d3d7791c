// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>What the discovery tests read from logs, and the peers they start beside flowr and flowrex.</summary>
internal static partial class DiscoveryLab
{
    public static readonly TimeSpan Limit = Scenario.Limit;

    /// <summary>flowrex's debug line once its own advertisement is probed and announced.</summary>
    public static bool IsAdvertised(string line) => line.StartsWith("DEBUG - Advertised as '", StringComparison.Ordinal);

    /// <summary>The executors' service type that goes with a lab's job service type (_x._tcp → _xex._tcp).</summary>
    public static string ExecutorType(NetworkLab lab) => lab.ServiceType.Replace("._tcp", "ex._tcp", StringComparison.Ordinal);

    /// <summary>Milliseconds after its start at which flowr invited each executor, from its debug log.</summary>
    public static double[] InvitedAfter(Child flowr) =>
        flowr.StderrLines.Select(l => InvitedPattern().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The instance name and port a flowrex advertised, from its debug log.</summary>
    public static (string Instance, int Port) Advertisement(Child flowrex)
    {
        var match = AdvertisedPattern().Match(flowrex.StderrLines.First(IsAdvertised));
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The IPv4 address of a lab host (its lab0).</summary>
    public static string AddressOf(string netns)
    {
        string output = Run("/usr/sbin/ip", "-n", netns, "-o", "-4", "addr", "show", "dev", "lab0");
        return AddressPattern().Match(output).Groups[1].Value;
    }

    /// <summary>
    /// A record left by an executor that is gone: python3-zeroconf in <paramref name="netns"/> advertises an
    /// idle executor <c>stale</c> at an address of the lab where no host answers.
    /// </summary>
    public static Child StartStaleExecutorRecord(NetworkLab lab, string netns, string deadAddress)
    {
        const string Script = """
            import signal, socket, sys, time
            from zeroconf import IPVersion, ServiceInfo, Zeroconf
            bind, stype, target, proto = sys.argv[1:5]
            zc = Zeroconf(interfaces=[bind], ip_version=IPVersion.V4Only)
            info = ServiceInfo(stype + '.local.', 'stale.' + stype + '.local.', port=40999, server='stale-executor.local.',
                               addresses=[socket.inet_aton(target)], properties={'proto': proto, 'busy': '0', 'threads': '1'})
            zc.register_service(info)
            print('READY', flush=True)
            signal.signal(signal.SIGTERM, lambda *_: (zc.unregister_service(info), zc.close(), sys.exit(0)))
            time.sleep(300)
            """;
        return Child.Start("/usr/bin/python3",
            ["-c", Script, AddressOf(netns), ExecutorType(lab), deadAddress, Flowr.Runtime.Protocol.ProtocolConstants.Version.ToString(CultureInfo.InvariantCulture)],
            netns);
    }

    /// <summary>Waits until a stdout line satisfies <paramref name="match"/>; returns it.</summary>
    public static string WaitForStdout(Child child, Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            string? line = child.Stdout.Split('\n').FirstOrDefault(match);
            if (line is not null) return line;
            Thread.Sleep(20);
        }
        throw new TimeoutException($"PID {child.Pid}: expected stdout line not seen within {timeout.TotalSeconds} s; stdout:\n{child.Stdout}\nstderr:\n{child.Tail()}");
    }

    /// <summary>
    /// avahi-daemon with a private D-Bus in a lab host's namespace (the mDNS tests' script); dispose stops
    /// exactly its two processes. <see cref="Bus"/> is the address for avahi-browse.
    /// </summary>
    public sealed class Avahi : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), $"flowr-avahi-{Environment.ProcessId}-{Guid.NewGuid():N}");

        public Avahi(string netns)
        {
            string output = Script("start", _directory, "disc", netns, "lab0");
            Bus = BusPattern().Match(output) is { Success: true } match ? match.Groups[1].Value
                : throw new InvalidOperationException($"avahi-daemon did not start: {output}");
        }

        public string Bus { get; }

        public void Dispose()
        {
            Script("stop", _directory);
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }

        private static string Script(params string[] args) =>
            Run("/bin/bash", [Path.Combine(Binaries.RepositoryRoot, "tests", "Flowr.Mdns.Tests", "netns", "avahi.sh"), .. args]);
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [GeneratedRegex(@"^DEBUG - Invited executor .* at .*, (\d+) ms after flowr started$")]
    private static partial Regex InvitedPattern();

    [GeneratedRegex(@"^DEBUG - Advertised as '(.+?)\._[^']*' on port (\d+)$")]
    private static partial Regex AdvertisedPattern();

    [GeneratedRegex(@"inet (\d+\.\d+\.\d+\.\d+)/")]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"bus=(unix:path=\S+)")]
    private static partial Regex BusPattern();
}
