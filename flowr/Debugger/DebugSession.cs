// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;
using Flowr.Debugger.Terminal;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>
/// <c>flowr -d</c>: attaches a <see cref="FlowDebugger"/> to the run state and runs the coordinator,
/// again from the initial state each time the user says <c>run</c>, until the user leaves.
/// </summary>
internal static class DebugSession
{
    public static RunMetrics Run(RunState state, FlowCoordinator coordinator, FlowManifest manifest, Func<bool, string> placement,
        Stream stdin, Stream stderr, CancellationToken cancellation)
    {
        using var console = OpenConsole(stdin, stderr);
        var debugger = new FlowDebugger(state, new FlowNames(manifest.Functions), console, placement);
        state.Observer = debugger;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, debugger.OnInterrupt);
        try
        {
            RunMetrics metrics;
            do
            {
                metrics = coordinator.Run(cancellation);
            }
            while (debugger.TakeRestart());
            return metrics;
        }
        finally
        {
            state.Observer = null;
        }
    }

    /// <summary>Where jobs run, in words, for <c>print</c>: the context thread, local executor threads, flowrex executors.</summary>
    public static Func<bool, string> Placement(int threads, JobService? service) => context =>
    {
        if (context) return "context thread";
        if (service is null) return $"executor threads ({threads})";
        string remote = $"job service for flowrex executors ({service.ExecutorCount} connected)";
        return threads == 0 ? remote : $"executor threads ({threads}) or {remote}";
    };

    /// <summary>
    /// The controlling terminal when there is one (so the flow keeps its own stdin); otherwise commands
    /// come from stdin and output goes to stderr.
    /// </summary>
    private static IDebugConsole OpenConsole(Stream stdin, Stream stderr)
    {
        if (TtyConsole.TryOpen(new LineHistory(LineHistory.DefaultPath)) is { } tty) return tty;
        var output = new StreamWriter(stderr, leaveOpen: true) { AutoFlush = true };
        output.Write("flowr debugger: no terminal, so commands are read from standard input\n");
        return new StreamConsole(new StreamReader(stdin, leaveOpen: true), output);
    }
}
