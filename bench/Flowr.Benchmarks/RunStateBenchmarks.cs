// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Coordinator;

namespace Flowr.Benchmarks;

/// <summary>
/// The coordinator's own cost per job, without threads: take a job, run it inline, complete it.
/// The run state is reused across invocations, so after warm-up its queues and job pools have
/// grown to size and a job must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class RunStateBenchmarks
{
    private const int Jobs = 10_000;
    private RunState _chain = null!;
    private RunState _fanOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = BenchmarkFlows.Chain(Jobs);
        _fanOut = BenchmarkFlows.FanOut(100, Jobs / 100);
    }

    [Benchmark(OperationsPerInvoke = Jobs)]
    public long ChainHop() => Drive(_chain);

    [Benchmark(OperationsPerInvoke = Jobs)]
    public long FanOutJob() => Drive(_fanOut);

    private static long Drive(RunState state)
    {
        state.Init();
        while (state.TryTakeJob(out var job))
        {
            job.Execute();
            state.Complete(job);
        }
        return state.Metrics.JobsCreated;
    }
}
