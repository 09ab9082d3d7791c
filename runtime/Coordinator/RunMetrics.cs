// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

/// <summary>Upstream's run metrics (docs/command-line.md, <c>-m</c>).</summary>
public sealed class RunMetrics
{
    public int NumberOfFunctions { get; internal set; }
    public long JobsCreated { get; internal set; }
    public long ValuesSent { get; internal set; }
    public int MaxJobsInParallel { get; internal set; }
    public long JobErrors { get; internal set; }
    /// <summary>The first failed job's error as logged, <c>Job#&lt;id&gt;: &lt;message&gt;</c>; null when none failed.</summary>
    public string? FirstJobError { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Zeroes the counters (not the function count), for a run started again from its initial state.</summary>
    internal void ResetCounts()
    {
        JobsCreated = 0;
        ValuesSent = 0;
        MaxJobsInParallel = 0;
        JobErrors = 0;
        FirstJobError = null;
        Elapsed = TimeSpan.Zero;
    }

    /// <summary>The block upstream prints after a run with <c>-m</c>, starting with an empty line.</summary>
    public string Format() => Format(Elapsed);

    /// <summary>The same block with <paramref name="elapsed"/> for a run that was cut short before it set its own.</summary>
    public string Format(TimeSpan elapsed) =>
        "\nMetrics: \n" +
        $" Number of Functions: {NumberOfFunctions}\n" +
        $"Number of Jobs Created: {JobsCreated}\n" +
        $"Values sent: {ValuesSent}\n" +
        $"Elapsed time(s): {elapsed.TotalSeconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}\n" +
        $"Max Jobs in Parallel: {MaxJobsInParallel}\n";
}
