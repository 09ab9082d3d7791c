// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Logging;

namespace Flowr.Running;

/// <summary>
/// The status line on stderr while a flow runs: after <see cref="Delay"/>, a few times a second,
/// jobs done, jobs per second over the last second, jobs in flight and executors. Drawn through
/// <see cref="StatusLine"/>, so log lines and the flow's output erase it first; erased at the end.
/// Reads the coordinator's progress snapshot from its own thread.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private const int RateWindow = 4;   // samples, one interval apart: jobs/s over the last second

    private readonly Func<FlowProgress> _progress;
    private readonly Func<int> _executors;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;

    public ProgressDisplay(Stream stderr, Func<FlowProgress> progress, Func<int> executors)
    {
        _progress = progress;
        _executors = executors;
        StatusLine.Activate(stderr);
        _thread = new Thread(Draw) { IsBackground = true, Name = "progress" };
        _thread.Start();
    }

    /// <summary>The text of the line for one snapshot.</summary>
    internal static string Format(FlowProgress progress, double jobsPerSecond, int executors) => string.Create(CultureInfo.InvariantCulture,
        $"flowr: {progress.JobsRetired:N0} jobs done, {jobsPerSecond:N0} jobs/s, {progress.InFlight:N0} in flight, {executors} executor{(executors == 1 ? "" : "s")}");

    private void Draw()
    {
        var times = new long[RateWindow + 1];
        var done = new long[RateWindow + 1];
        times[0] = Stopwatch.GetTimestamp();
        done[0] = _progress().JobsRetired;
        int samples = 1;
        if (_stop.Wait(Delay)) return;
        while (true)
        {
            var progress = _progress();
            int slot = samples % times.Length;
            times[slot] = Stopwatch.GetTimestamp();
            done[slot] = progress.JobsRetired;
            int oldest = samples < RateWindow ? 0 : (samples - RateWindow) % times.Length;
            samples++;
            double seconds = Stopwatch.GetElapsedTime(times[oldest], times[slot]).TotalSeconds;
            double rate = seconds > 0 ? (done[slot] - done[oldest]) / seconds : 0;
            StatusLine.Show(Format(progress, rate, _executors()));
            if (_stop.Wait(Interval)) return;
        }
    }

    /// <summary>Stops drawing and erases the line.</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        StatusLine.Deactivate();
        _stop.Dispose();
    }
}
