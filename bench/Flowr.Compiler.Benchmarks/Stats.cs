// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Compiler.Benchmarks;

internal static class Stats
{
    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>"0.123 s (0.120–0.130)".</summary>
    public static string Seconds(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values):F3} s ({values.Min():F3}–{values.Max():F3})");

    /// <summary>The median CPU time (user + system), to 10 ms as time reports it.</summary>
    public static string Cpu(List<double> seconds) => string.Create(CultureInfo.InvariantCulture, $"{Median(seconds):F2} s");

    /// <summary>The median of peak RSS figures in KiB, as MiB.</summary>
    public static string Megabytes(List<double> kilobytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(kilobytes) / 1024:F0} MiB");
}
