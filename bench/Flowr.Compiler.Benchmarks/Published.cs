// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;

namespace Flowr.Compiler.Benchmarks;

/// <summary>Times the published flowr as a whole process; <c>/usr/bin/time</c> gives each run's peak RSS.</summary>
internal static class Published
{
    private const string Time = "/usr/bin/time";

    public static string Measure(string flowr, string name, string directory, int size, int runs)
    {
        var compile = Runs(flowr, ["-c", directory], runs);
        File.Delete(Path.Combine(directory, "manifest.json"));
        var run = Runs(flowr, [directory], runs);
        return $"| {name} | {size:N0} | {Stats.Seconds(compile.Seconds)} | {Stats.Cpu(compile.Cpu)} | {Stats.Megabytes(compile.Kilobytes)} | "
            + $"{Stats.Seconds(run.Seconds)} | {Stats.Cpu(run.Cpu)} | {Stats.Megabytes(run.Kilobytes)} |";
    }

    private static (List<double> Seconds, List<double> Cpu, List<double> Kilobytes) Runs(string flowr, string[] arguments, int runs)
    {
        var seconds = new List<double>();
        var cpu = new List<double>();
        var kilobytes = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo(Time) { RedirectStandardError = true, RedirectStandardOutput = true };
            // %e is only to 10 ms; the wall time is taken here, the CPU time (user + system) and the
            // peak RSS (%M, KiB) come from time.
            foreach (string argument in (string[])["-f", "peak %M %U %S", flowr, .. arguments]) start.ArgumentList.Add(argument);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            _ = output.Result;
            if (process.ExitCode != 0) throw new InvalidOperationException($"flowr {string.Join(' ', arguments)} failed: {error}");
            var peak = error.Split('\n').Last(line => line.StartsWith("peak ", StringComparison.Ordinal)).Split(' ');
            seconds.Add(watch.Elapsed.TotalSeconds);
            kilobytes.Add(double.Parse(peak[1], CultureInfo.InvariantCulture));
            cpu.Add(double.Parse(peak[2], CultureInfo.InvariantCulture) + double.Parse(peak[3], CultureInfo.InvariantCulture));
        }
        return (seconds, cpu, kilobytes);
    }
}
