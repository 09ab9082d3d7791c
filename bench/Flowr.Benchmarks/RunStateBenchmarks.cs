// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;

namespace Flowr.Benchmarks;

/// <summary>
/// The coordinator's own cost per job, without threads: the committed state and its speculation, as flowr
/// runs a flow, with a sink that runs each job inline as it is flushed. The run states are reused across
/// invocations, so after warm-up their queues and job pools have grown to size and a job must allocate
/// nothing.
/// </summary>
[MemoryDiagnoser]
public class RunStateBenchmarks
{
    private const int Jobs = 10_000;
    private (RunState Committed, RunState Speculation) _chain;
    private (RunState Committed, RunState Speculation) _fanOut;
    private ResultQueue _results = null!;
    private InlineSink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        _chain = BenchmarkFlows.AsRun(options => BenchmarkFlows.Chain(Jobs, options));
        _fanOut = BenchmarkFlows.AsRun(options => BenchmarkFlows.FanOut(100, Jobs / 100, options));
        _results = new ResultQueue(RunStateOptions.DefaultMaxInFlight);
        _sink = new InlineSink(_results);
    }

    [GlobalCleanup]
    public void Cleanup() => _results.Dispose();

    [Benchmark(OperationsPerInvoke = Jobs)]
    public long ChainHop() => new FlowCoordinator(_chain.Committed, _results, _sink, _chain.Speculation).Run().JobsCreated;

    [Benchmark(OperationsPerInvoke = Jobs)]
    public long FanOutJob() => new FlowCoordinator(_fanOut.Committed, _results, _sink, _fanOut.Speculation).Run().JobsCreated;

    /// <summary>Runs the jobs of each flush on the calling thread and posts them.</summary>
    private sealed class InlineSink(ResultQueue results) : IJobSink
    {
        private readonly List<Job> _jobs = new(RunStateOptions.DefaultMaxInFlight);

        public bool TrySubmit(Job job)
        {
            _jobs.Add(job);
            return true;
        }

        public void Flush(int submitted)
        {
            foreach (var job in _jobs)
            {
                if (job.Execute()) results.Post(job);
            }
            _jobs.Clear();
        }
    }
}
