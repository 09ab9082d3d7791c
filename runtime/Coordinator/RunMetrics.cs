// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

/// <summary>Upstream's run metrics (runtime-semantics.md §8).</summary>
public sealed class RunMetrics
{
    public int NumberOfFunctions { get; internal set; }
    public long JobsCreated { get; internal set; }
    public long ValuesSent { get; internal set; }
    public int MaxJobsInParallel { get; internal set; }
    public long JobErrors { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>Zeroes the counters (not the function count), for a run started again from its initial state.</summary>
    internal void ResetCounts()
    {
        JobsCreated = 0;
        ValuesSent = 0;
        MaxJobsInParallel = 0;
        JobErrors = 0;
        Elapsed = TimeSpan.Zero;
    }

    /// <summary>The block upstream prints after a run with <c>-m</c>, starting with an empty line.</summary>
    public string Format() =>
        "\nMetrics: \n" +
        $" Number of Functions: {NumberOfFunctions}\n" +
        $"Number of Jobs Created: {JobsCreated}\n" +
        $"Values sent: {ValuesSent}\n" +
        $"Elapsed time(s): {Elapsed.TotalSeconds.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}\n" +
        $"Max Jobs in Parallel: {MaxJobsInParallel}\n";
}
