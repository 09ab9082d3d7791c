// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Distribution;

/// <summary>What one executor (flowr's local threads, or a flowrex) did in a run, for <c>flowr -m</c>.</summary>
public sealed record ExecutorReport(
    string Name, string Where, long JobsRun, double? MeanJobMicroseconds, double? RoundTripMilliseconds, long Refusals, long Redispatched)
{
    /// <summary>For flowr's own threads, the jobs each ran, in thread order; null otherwise.</summary>
    public IReadOnlyList<long>? JobsPerThread { get; init; }

    /// <summary>One line: name, where, jobs (each thread's, for flowr's threads), mean job time, round trip, refusals, re-dispatches.</summary>
    public string Format()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"  {Name} ({Where}): {JobsRun} jobs");
        if (JobsPerThread is { Count: > 1 } each) text += $" ({string.Join(", ", each)} by thread)";
        if (MeanJobMicroseconds is { } mean) text += string.Create(CultureInfo.InvariantCulture, $", mean job {mean:0.###} µs");
        if (RoundTripMilliseconds is { } rtt) text += string.Create(CultureInfo.InvariantCulture, $", round trip {rtt:0.###} ms");
        if (Refusals > 0 || RoundTripMilliseconds is not null) text += $", refusals {Refusals}, re-dispatched {Redispatched}";
        return text;
    }
}

/// <summary>Counters of one executor; updated from its reading thread, the timer and the coordinator.</summary>
internal sealed class ExecutorStats(string name, string where)
{
    public string Name { get; set; } = name;
    public string Where { get; set; } = where;
    public long JobsRun;
    /// <summary>Run time of the jobs that were timed (all remote ones; a sample of local ones).</summary>
    public long TimedNanoseconds;
    public long TimedJobs;
    public long Refusals;
    public long Redispatched;
    /// <summary>Moving mean round trip in nanoseconds; NaN for local threads or before the first pong.</summary>
    public double RoundTripNanoseconds = double.NaN;
    /// <summary>For flowr's own threads: the jobs each took.</summary>
    public long[]? JobsPerThread;

    public ExecutorReport Report()
    {
        long timed = Interlocked.Read(ref TimedJobs);
        double rtt = Volatile.Read(ref RoundTripNanoseconds);
        return new ExecutorReport(Name, Where, Interlocked.Read(ref JobsRun),
            timed == 0 ? null : Interlocked.Read(ref TimedNanoseconds) / 1000.0 / timed,
            double.IsNaN(rtt) ? null : rtt / 1e6,
            Interlocked.Read(ref Refusals), Interlocked.Read(ref Redispatched))
        {
            JobsPerThread = JobsPerThread is { } each ? [.. each] : null,
        };
    }
}
