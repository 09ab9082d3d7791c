// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Flowr.Cli;
using Flowr.Context;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Logging;

namespace Flowr.Running;

/// <summary>
/// Everything around one run of the coordinator loop that is about the person at the terminal:
/// SIGINT/SIGTERM and a closed stdout (stop creating jobs, let those in flight finish, then end as
/// usual), the progress line, and the end: image buffers and flush, metrics, the reports on failed
/// jobs and on functions that never ran, and the exit code.
/// </summary>
/// <remarks>
/// Exit codes: 0 the flow ran; 2 some jobs failed (upstream exits 0); 130 / 143 stopped by SIGINT /
/// SIGTERM; 141 stdout was closed (as a Unix tool killed by SIGPIPE). A second SIGINT or SIGTERM
/// exits at once. When jobs still run <see cref="Grace"/> after a signal (a readline waiting on a
/// terminal, say), the run is ended from here without them.
/// </remarks>
internal sealed class RunSession : IDisposable
{
    public const int JobsFailedExit = 2;
    public const int InterruptedExit = 130;
    public const int StdoutClosedExit = 141;
    public const int TerminatedExit = 143;

    /// <summary>How long jobs in flight may take to finish after a signal.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    /// <summary>The same after stdout was closed: the reader has gone, so nobody waits for the rest.</summary>
    internal static readonly TimeSpan ClosedStdoutGrace = TimeSpan.FromMilliseconds(50);

    private readonly RunnerOptions _options;
    private readonly ContextServices _context;
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly ManualResetEventSlim _ended = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<PosixSignalRegistration> _signals = [];
    private FlowCoordinator? _coordinator;
    private RunState? _state;
    private ProgressDisplay? _progress;
    private int _stopCode;
    private int _finishing;

    public RunSession(RunnerOptions options, ContextServices context, Stream stdout, Stream stderr)
    {
        _options = options;
        _context = context;
        _stdout = stdout;
        _stderr = stderr;
        if (stdout is StandardOutputStream standard) standard.Closed += () => Stop(StdoutClosedExit, ClosedStdoutGrace);
    }

    /// <summary>What each executor did, when executors could join; printed after the metrics with <c>-m</c>.</summary>
    public IReadOnlyList<ExecutorReport>? Executors { get; set; }

    /// <summary>The exit code the run is stopping with (130, 141, 143), or 0 while it is not stopping.</summary>
    public int StopCode => Volatile.Read(ref _stopCode);

    /// <summary>Called once the loop exists and before it runs: signals now stop the flow, and the progress line starts.</summary>
    public void Attach(FlowCoordinator coordinator, RunState state, Func<int> executors)
    {
        _coordinator = coordinator;
        _state = state;
        if (!OperatingSystem.IsWindows())
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
        if (ShowProgress(_options.Progress))
        {
            _context.ShareTerminalWithStatusLine(stdoutToo: !Console.IsOutputRedirected);
            _progress = new ProgressDisplay(_stderr, () => coordinator.Progress, executors);
        }
        if (StopCode != 0) coordinator.RequestStop();
    }

    /// <summary>The status line: forced by --progress / --no-progress, else only when stderr is a terminal.</summary>
    internal static bool ShowProgress(bool? forced) => forced ?? !Console.IsErrorRedirected;

    /// <summary>Called on the loop's thread when the loop has returned.</summary>
    public void RunEnded()
    {
        _ended.Set();
        Interlocked.Exchange(ref _progress, null)?.Dispose();
    }

    /// <summary>
    /// Ends the run once the loop has returned: writes image buffers and flushes, prints metrics and
    /// reports, and returns the exit code. Waits forever if a stop has already ended the run from
    /// another thread (that thread exits the process).
    /// </summary>
    public int Finish(RunMetrics metrics)
    {
        RunEnded();
        if (Interlocked.Exchange(ref _finishing, 1) != 0) Thread.Sleep(Timeout.Infinite);
        return Complete(metrics, metrics.Elapsed, _state);
    }

    private void OnSignal(PosixSignalContext signal)
    {
        signal.Cancel = true;
        int code = signal.Signal == PosixSignal.SIGTERM ? TerminatedExit : InterruptedExit;
        if (Volatile.Read(ref _stopCode) is not (0 or StdoutClosedExit))
        {
            // The second Ctrl-C: the user does not want to wait.
            Environment.Exit(code);
        }
        Stop(code, Grace);
    }

    /// <summary>Stops creating jobs; if those in flight are not done within <paramref name="grace"/>, ends the run without them.</summary>
    private void Stop(int code, TimeSpan grace)
    {
        if (Interlocked.CompareExchange(ref _stopCode, code, 0) != 0) return;
        if (code != StdoutClosedExit && Log.IsEnabled(LogLevel.Info))
        {
            Log.Info($"Stopping ({(code == TerminatedExit ? "SIGTERM" : "SIGINT")}): no new jobs; waiting up to {grace.TotalSeconds:0.#} s for those in flight");
        }
        _coordinator?.RequestStop();
        var watchdog = new Thread(() =>
        {
            if (_ended.Wait(grace)) return;
            if (Interlocked.Exchange(ref _finishing, 1) != 0) return;
            // NOTE: the loop is still waiting for a job that does not end; the metrics are read as they are.
            Interlocked.Exchange(ref _progress, null)?.Dispose();
            var metrics = _state?.Metrics;
            int exit = metrics is null ? StopCode : Complete(metrics, _clock.Elapsed, state: null);
            Environment.Exit(exit);
        })
        { IsBackground = true, Name = "stop-watchdog" };
        watchdog.Start();
    }

    private int Complete(RunMetrics metrics, TimeSpan elapsed, RunState? state)
    {
        int stop = StopCode;
        bool quiet = stop == StdoutClosedExit;
        _context.Complete();
        var activity = state is not null && stop == 0 ? state.Activity() : null;
        if (_options.Metrics && !quiet) WriteMetrics(metrics, elapsed, activity);
        if (activity is not null) ReportStall(activity, metrics.NumberOfFunctions);
        string? errors = RunReport.JobErrors(metrics);
        if (errors is not null && !quiet) WriteLine(_stderr, errors);
        if (stop != 0) return stop;
        return errors is null ? 0 : JobsFailedExit;
    }

    // Upstream's five lines exactly; what flowr adds comes after them, and only when there is something to say.
    private void WriteMetrics(RunMetrics metrics, TimeSpan elapsed, IReadOnlyList<FunctionActivity>? activity)
    {
        var text = new StringBuilder(metrics.Format(elapsed));
        if (metrics.JobErrors > 0) text.Append("Jobs failed: ").Append(metrics.JobErrors).Append('\n');
        if (Executors is { Count: > 0 } executors)
        {
            text.Append("Executors:\n");
            foreach (var executor in executors) text.Append(executor.Format()).Append('\n');
        }
        if (activity is not null)
        {
            var lines = RunReport.StallLines(activity).ToList();
            if (lines.Count > 0)
            {
                text.Append("Functions that never ran: ").Append(lines.Count).Append('\n');
                foreach (string line in lines) text.Append("  ").Append(line).Append('\n');
            }
        }
        _stdout.Write(Encoding.UTF8.GetBytes(text.ToString()));
        _stdout.Flush();
    }

    private void ReportStall(IReadOnlyList<FunctionActivity> activity, int functionCount)
    {
        if (Log.IsEnabled(LogLevel.Info))
        {
            foreach (string line in RunReport.StallLines(activity)) Log.Info($"Never ran: {line}");
        }
        if (_context.WroteToStdout || Log.Level == LogLevel.Off) return;
        if (RunReport.StallWarning(activity, functionCount) is { } warning) WriteLine(_stderr, warning);
    }

    private static void WriteLine(Stream stream, string line)
    {
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        stream.Flush();
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _progress, null)?.Dispose();
        foreach (var registration in _signals) registration.Dispose();
        _signals.Clear();
    }
}
