// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.Processes;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.Attacks;

/// <summary>
/// A coordinator that sends flowrex module after module cannot make it compile or keep without end:
/// beyond what any flow sends on one connection (so many modules, so many bytes) flowrex hangs up,
/// names the reason, and goes on serving.
/// </summary>
public sealed class ModuleFloodTests
{
    private const int Port = 47270;
    private static readonly TimeSpan Limit = Scenario.Limit;

    [Theory]
    [InlineData("count", "modules on one connection")]
    [InlineData("bytes", "MiB of modules on one connection")]
    public void Flowrex_hangs_up_on_a_coordinator_that_sends_more_modules_than_a_flow_has(string mode, string reason)
    {
        using var lab = NetworkLab.Loopback(out string ns);
        using var flood = Attackers.Start(ns, "module-flood", $"{Port}", mode);
        Thread.Sleep(500);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-t", "1", "-v", "info", "--coordinator", $"127.0.0.1:{Port}"], ns, lab.Env);

        Assert.Equal(0, flood.WaitForExit(Limit));
        // flowrex names the limit (the attacker may not read it: a peer that hangs up with data unread resets).
        flowrex.WaitForStderr(l => l.Contains("Connection to flowr ended (protocol error: more than", StringComparison.Ordinal)
            && l.Contains(reason, StringComparison.Ordinal), Limit);
        var said = Lines(flood.Stdout);
        int sent = int.Parse(said["sent"], System.Globalization.CultureInfo.InvariantCulture);
        int most = mode == "count" ? WasmModuleStore.MaxModules : (int)(WasmModuleStore.MaxModuleBytes / (8 * 1024 * 1024));
        // At least the one over the limit; and flowrex hung up well before the attacker ran out of modules.
        Assert.InRange(sent, most + 1, ModuleFlood.Attempts - 1);
        Assert.Equal("yes", said["back"]);
        Assert.False(flowrex.HasExited, flowrex.Stderr);
        flowrex.Terminate();
        Assert.Equal(0, flowrex.WaitForExit(Limit));
    }

    private static Dictionary<string, string> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1]);
}
