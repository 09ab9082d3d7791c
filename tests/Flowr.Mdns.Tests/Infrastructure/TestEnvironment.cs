// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Tests.Infrastructure;

/// <summary>Paths and prerequisites of the namespace-based tests.</summary>
internal static class TestEnvironment
{
    private static readonly string[] Commands =
        ["/usr/sbin/ip", "/usr/sbin/avahi-daemon", "/usr/bin/avahi-browse", "/usr/bin/avahi-publish", "/usr/bin/dbus-daemon", "/usr/bin/python3"];

    public static string BaseDirectory => AppContext.BaseDirectory;

    public static string NetnsDirectory => Path.Combine(BaseDirectory, "netns");

    public static string ToolAssembly => Path.Combine(BaseDirectory, "Flowr.Mdns.Tests.dll");

    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    /// <summary>Fails with a clear message when the tests cannot create namespaces or lack the peers.</summary>
    public static void RequireLab()
    {
        if (!IsRoot())
        {
            throw new InvalidOperationException("The mDNS namespace tests need root (network namespaces).");
        }

        var missing = Commands.Where(c => !File.Exists(c)).ToList();
        if (!Directory.Exists("/usr/lib/python3/dist-packages/zeroconf"))
        {
            missing.Add("python3-zeroconf");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Missing {string.Join(", ", missing)}: run tests/Flowr.Mdns.Tests/install-deps.sh as root.");
        }
    }

    private static bool IsRoot() => File.Exists("/proc/self/status")
        && File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
}
