// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;
using Flowr.Debugger.Terminal;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>
/// <c>flowr -d</c>: attaches a <see cref="FlowDebugger"/> to the committed run state (the run the user
/// sees, one job at a time) and runs the coordinator, again from the initial state each time the user
/// says <c>run</c>, until the user leaves. The speculation beside it keeps running jobs ahead; each run
/// restarts it from the committed state.
/// </summary>
internal static class DebugSession
{
    public static RunMetrics Run(RunState state, FlowCoordinator coordinator, RunState speculation, FlowManifest manifest, Func<bool, string> placement,
        Stream stdin, Stream stderr, CancellationToken cancellation)
    {
        using var console = OpenConsole(stdin, stderr);
        var ahead = new SpeculationView(speculation, () => coordinator.JobsOut, coordinator.RequestSpeculationRestart);
        var debugger = new FlowDebugger(state, new FlowNames(manifest.Functions), console, placement, ahead);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, debugger.OnInterrupt);
        return RunUnder(debugger, state, coordinator, cancellation);
    }

    /// <summary>Runs the flow with <paramref name="debugger"/> observing <paramref name="state"/>, again while the user says <c>run</c>.</summary>
    internal static RunMetrics RunUnder(FlowDebugger debugger, RunState state, FlowCoordinator coordinator, CancellationToken cancellation)
    {
        state.Observer = debugger;
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

    /// <summary>
    /// The speculation of a debugged run: as wide as flowr allows, so that <c>modify jobs=N</c> can widen it,
    /// and <paramref name="ahead"/> wide to begin with (-j N: N − 1; -j 1: 0, no job made ahead).
    /// </summary>
    public static RunState Speculation(FlowManifest manifest, IReadOnlyList<IFunctionImplementation> implementations, int ahead, int capacity) =>
        new(manifest, implementations, new RunStateOptions { MaxInFlight = capacity, Speculative = true }) { Window = ahead };

    /// <summary>Where jobs run, in words, for breaks and <c>print</c>: the coordinator thread (context jobs), local executor threads, flowrex executors.</summary>
    public static Func<bool, string> Placement(int threads, JobService? service) => context =>
    {
        if (context) return "coordinator thread";
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
