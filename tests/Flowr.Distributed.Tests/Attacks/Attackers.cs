// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>Starts <see cref="Attacker"/> roles as processes, and reads what flowr and flowrex use.</summary>
internal static class Attackers
{
    /// <summary>readline (in flowr) → reverse (on an executor) → stdout: jobs come only as lines are written to its stdin.</summary>
    public const string ReverseLinesFlow = """
        flow = "reverse-lines"

        [[process]]
        source = "context://stdio/readline"
        input.prompt = { always = "" }

        [[process]]
        source = "lib://flowstdlib/fmt/reverse"

        [[process]]
        source = "context://stdio/stdout"

        [[connection]]
        from = "readline/string"
        to = "reverse"

        [[connection]]
        from = "reverse/reversed"
        to = "stdout"
        """;

    private static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static string Assembly => Path.Combine(AppContext.BaseDirectory, "Flowr.Distributed.Tests.dll");

    public static Child Start(string netns, params string[] args) => Child.Start(Dotnet, [Assembly, .. args], netns);

    /// <summary>A key both ends share, in the environment variable flowr and flowrex read.</summary>
    public static Dictionary<string, string> WithKey(NetworkLab lab, string key)
    {
        var env = new Dictionary<string, string>(lab.Env) { [Runtime.Distribution.JobServiceOptions.KeyEnvironmentVariable] = key };
        return env;
    }

    /// <summary>Resident memory of a process, in bytes (VmRSS).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException($"no VmRSS for PID {pid}");
    }
}
