// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;

namespace Flowr.Benchmarks;

/// <summary>
/// Whole in-process runs with real executor threads (W1, a chain of dependent adds; W2, a wide fan-out),
/// configured as flowr runs a flow (the committed state and its speculation): the time per job includes
/// the hand-off to an executor thread and back; the *RunHere* ones let the coordinator run short jobs
/// itself, as flowr does in a local run.
/// </summary>
[MemoryDiagnoser]
public class CoordinatorBenchmarks
{
    private const int ChainHops = 10_000;
    private const int FanOutWidth = 1_000;
    private const int FanOutJobs = 100_000;
    private const int InFlight = 4096;

    private (RunState Committed, RunState Speculation) _chain;
    private (RunState Committed, RunState Speculation) _fanOut;
    private ResultQueue _results = null!;
    private ExecutorThreads _oneThread = null!;
    private ExecutorThreads _defaultThreads = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = BenchmarkFlows.AsRun(options => BenchmarkFlows.Chain(ChainHops, options));
        _fanOut = BenchmarkFlows.AsRun(options => BenchmarkFlows.FanOut(FanOutWidth, FanOutJobs / FanOutWidth, options));
        _results = new ResultQueue(InFlight);
        _oneThread = new ExecutorThreads("bench-t1", 1, InFlight, _results);
        _defaultThreads = new ExecutorThreads("bench-default", Environment.ProcessorCount, InFlight, _results);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _defaultThreads.Dispose();
        _oneThread.Dispose();
        _results.Dispose();
    }

    /// <summary>W1 with <c>-t 1</c>: one dependent add per hop.</summary>
    [Benchmark(OperationsPerInvoke = ChainHops)]
    public long ChainHopOneThread() => new FlowCoordinator(_chain.Committed, _results, _oneThread, _chain.Speculation).Run().JobsCreated;

    /// <summary>W1 as flowr runs it: each hop's add runs on the coordinator thread (no executor is idle-woken).</summary>
    [Benchmark(OperationsPerInvoke = ChainHops)]
    public long ChainHopRunHere() => new FlowCoordinator(_chain.Committed, _results, _oneThread, _chain.Speculation, runShortJobsHere: true).Run().JobsCreated;

    /// <summary>W2 with the default threads: jobs per second is 1 / this time.</summary>
    [Benchmark(OperationsPerInvoke = FanOutJobs)]
    public long FanOutJobDefaultThreads() => new FlowCoordinator(_fanOut.Committed, _results, _defaultThreads, _fanOut.Speculation).Run().JobsCreated;

    /// <summary>W2 as flowr runs it: the adds are short, so the coordinator runs them itself, the committed state alone.</summary>
    [Benchmark(OperationsPerInvoke = FanOutJobs)]
    public long FanOutJobRunHere() => new FlowCoordinator(_fanOut.Committed, _results, _defaultThreads, _fanOut.Speculation, runShortJobsHere: true).Run().JobsCreated;
}
