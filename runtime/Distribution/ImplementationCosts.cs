// Copyright (c) flowr contributors. MIT licence.
using System.Numerics;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// How long each implementation's jobs run, learned from local threads (sampled) and from the run times
/// executors report with their results: a moving mean for placement and a 99th percentile for deadlines.
/// Any thread may record; readers get a recent value without locking.
/// </summary>
internal sealed class ImplementationCosts
{
    /// <summary>Weight of a new sample in the moving mean.</summary>
    private const double MeanWeight = 0.05;
    /// <summary>The histogram forgets half its samples every this many, so the percentile follows the flow.</summary>
    private const int HistoryLength = 1024;

    private readonly Entry[] _entries;

    public ImplementationCosts(int implementations)
    {
        _entries = new Entry[implementations];
        for (int i = 0; i < implementations; i++) _entries[i] = new Entry();
    }

    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public readonly int[] Buckets = new int[64];   // bucket b: run times in [2^(b-1), 2^b) ns
        public int Count;
        public double Mean = double.NaN;
        public double P99 = double.NaN;
    }

    public void Record(int implementation, long nanoseconds)
    {
        if ((uint)implementation >= (uint)_entries.Length) return;
        var entry = _entries[implementation];
        long sample = Math.Max(1, nanoseconds);
        lock (entry.Gate)
        {
            double mean = entry.Mean;
            Volatile.Write(ref entry.Mean, double.IsNaN(mean) ? sample : mean + (sample - mean) * MeanWeight);
            entry.Buckets[64 - BitOperations.LeadingZeroCount((ulong)sample)]++;
            if (++entry.Count >= HistoryLength)
            {
                entry.Count = 0;
                for (int b = 0; b < entry.Buckets.Length; b++) entry.Count += entry.Buckets[b] >>= 1;
            }
            if (entry.Count < 64 || (entry.Count & 15) == 0) Volatile.Write(ref entry.P99, Percentile(entry, 0.99));
        }
    }

    /// <summary>Mean run time in nanoseconds; NaN before any sample.</summary>
    public double MeanNanoseconds(int implementation) =>
        (uint)implementation < (uint)_entries.Length ? Volatile.Read(ref _entries[implementation].Mean) : double.NaN;

    /// <summary>99th percentile run time in nanoseconds (the upper end of its power-of-two bucket); NaN before any sample.</summary>
    public double P99Nanoseconds(int implementation) =>
        (uint)implementation < (uint)_entries.Length ? Volatile.Read(ref _entries[implementation].P99) : double.NaN;

    private static double Percentile(Entry entry, double fraction)
    {
        int total = 0;
        foreach (int count in entry.Buckets) total += count;
        if (total == 0) return double.NaN;
        int wanted = (int)Math.Ceiling(total * fraction);
        int seen = 0;
        for (int b = 0; b < entry.Buckets.Length; b++)
        {
            seen += entry.Buckets[b];
            if (seen >= wanted) return Math.Pow(2, b);
        }
        return double.MaxValue;
    }
}
