// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;

namespace Flowr.Benchmarks;

/// <summary>
/// `--quick`: a few seconds of plain Stopwatch timings of the in-process workloads, with the
/// spread over repeated runs. For quick comparisons while tuning; the figures that go in
/// bench/README.md come from the BenchmarkDotNet classes.
/// </summary>
internal static class QuickTimings
{
    public static void Run(int threads, int repeats)
    {
        const int InFlight = 4096;
        using var results = new ResultQueue(InFlight);
        using var one = new ExecutorThreads("quick-t1", 1, InFlight, results);
        using var many = new ExecutorThreads("quick-tn", threads, InFlight, results);
        var chain = BenchmarkFlows.AsRun(options => BenchmarkFlows.Chain(100_000, options));
        var fanOut = BenchmarkFlows.AsRun(options => BenchmarkFlows.FanOut(1_000, 200, options));
        Measure("chain, -t 1 (µs per hop)", repeats, 100_000, () => new FlowCoordinator(chain.Committed, results, one, chain.Speculation).Run(), perJobMicros: true);
        Measure($"fan-out, -t {threads} (jobs/s)", repeats, 200_000, () => new FlowCoordinator(fanOut.Committed, results, many, fanOut.Speculation).Run(), perJobMicros: false);
        // As flowr runs a local flow: short flowstdlib jobs of a chain run on the coordinator thread.
        Measure("chain, -t 1, short jobs run here (µs per hop)", repeats, 100_000,
            () => new FlowCoordinator(chain.Committed, results, one, chain.Speculation, runShortJobsHere: true).Run(), perJobMicros: true);
        Measure($"fan-out, -t {threads}, short jobs run here (jobs/s)", repeats, 200_000,
            () => new FlowCoordinator(fanOut.Committed, results, many, fanOut.Speculation, runShortJobsHere: true).Run(), perJobMicros: false);
    }

    private static void Measure(string name, int repeats, int jobs, Func<RunMetrics> run, bool perJobMicros)
    {
        run();
        var samples = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            samples.Add(perJobMicros ? seconds * 1e6 / jobs : jobs / seconds);
        }
        samples.Sort();
        Console.WriteLine($"{name}: median {samples[samples.Count / 2]:N2} (min {samples[0]:N2}, max {samples[^1]:N2}) over {repeats} runs");
    }
}
