// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Tests.Coordinator;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Execution;

/// <summary>The coordinator loop with real executor threads.</summary>
public class FlowCoordinatorTests
{
    private static RunMetrics RunWithThreads(TestFlow flow, int threads, int maxInFlight = 64)
    {
        var state = flow.Build(new RunStateOptions { MaxInFlight = maxInFlight }, init: false);
        using var results = new ResultQueue(maxInFlight);
        var library = new ExecutorThreads("test-executor", threads, maxInFlight, results);
        try
        {
            var run = Task.Run(() => new FlowCoordinator(state, results, library).Run());
            Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "coordinator did not finish");
            return run.Result;
        }
        finally
        {
            library.Dispose();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_wide_fan_out_retires_every_job_exactly_once(int threads)
    {
        const int count = 20_000;
        long sum = 0;
        int sinkJobs = 0;
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, count).Select(n => Value.FromInt64(n))])),
            inputs: [Input(init: Once(0L))]);
        int square = flow.Add("double", i => { i[0].TryGetInt64(out long n); return JobOutcome.Ok(2 * n); }, inputs: [Input()]);
        int sink = flow.Add("sink", i => { i[0].TryGetInt64(out long n); sum += n; sinkJobs++; return JobOutcome.NoOutput(); },
            context: true, inputs: [Input()]);
        flow.Connect(source, square);
        flow.Connect(square, sink);
        var metrics = RunWithThreads(flow, threads);
        Assert.Equal(count, sinkJobs);
        Assert.Equal((long)count * (count + 1), sum);
        Assert.Equal(1 + 2 * count, metrics.JobsCreated);
    }

    [Fact]
    public void Context_jobs_run_in_dispatch_order_on_one_thread()
    {
        var printed = new List<long>();
        var threadsSeen = new HashSet<int>();
        var flow = new TestFlow();
        int add = flow.Add("add", i =>
        {
            if (!i[0].TryGetInt64(out long a) || !i[1].TryGetInt64(out long b)) return JobOutcome.NoOutput();
            try { return JobOutcome.Ok(checked(a + b)); } catch (OverflowException) { return JobOutcome.NoOutput(); }
        }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
        int stdout = flow.Add("stdout", i =>
        {
            lock (threadsSeen) threadsSeen.Add(Environment.CurrentManagedThreadId);
            i[0].TryGetInt64(out long n);
            printed.Add(n);
            return JobOutcome.NoOutput();
        }, context: true, inputs: [Input(generic: true)]);
        flow.Connect(add, add, 1);
        flow.Connect(add, stdout);
        flow.ConnectInput(add, 1, add, 0);
        var metrics = RunWithThreads(flow, threads: 2);
        Assert.Equal(91, printed.Count);
        Assert.Equal(7540113804746346429, printed[^1]);
        Assert.True(printed.Zip(printed.Skip(1)).All(p => p.First < p.Second), "context jobs ran out of order");
        Assert.Single(threadsSeen);
        Assert.Equal(183, metrics.JobsCreated);
        Assert.Equal(274, metrics.ValuesSent);
    }

    [Fact]
    public void A_throwing_job_becomes_an_error_result_naming_the_route_and_the_flow_ends()
    {
        var flow = new TestFlow();
        flow.Add("broken", _ => throw new InvalidOperationException("kaput"), inputs: [Input(init: Once(1L))]);
        var output = new StringWriter();
        var previous = Logging.Log.Output;
        Logging.Log.Output = output;
        try
        {
            var metrics = RunWithThreads(flow, threads: 1);
            Assert.Equal(1, metrics.JobErrors);
        }
        finally
        {
            Logging.Log.Output = previous;
        }
        Assert.Contains("ERROR - Error in Job#1: /test/broken: kaput", output.ToString());
    }

    [Fact]
    public void More_ready_jobs_than_queue_capacity_are_held_back_not_lost()
    {
        const int count = 5_000;
        int done = 0;
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, count).Select(n => Value.FromInt64(n))])),
            inputs: [Input(init: Once(0L))]);
        int work = flow.Add("work", _ => { Interlocked.Increment(ref done); return JobOutcome.NoOutput(); }, inputs: [Input()]);
        flow.Connect(source, work);
        var metrics = RunWithThreads(flow, threads: 2, maxInFlight: 8);
        Assert.Equal(count, done);
        Assert.True(metrics.MaxJobsInParallel <= 8);
    }
}
