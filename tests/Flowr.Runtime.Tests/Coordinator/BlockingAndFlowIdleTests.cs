// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>Blocking across flows, flow-idle unblocking and flow initializers (docs/runtime.md).</summary>
public class BlockingAndFlowIdleTests
{
    private static JobOutcome Pass(Value[] i) => JobOutcome.Ok(i[0]);
    private static JobOutcome Swallow(Value[] i) => JobOutcome.NoOutput();

    [Fact]
    public void A_sender_is_blocked_by_a_busy_destination_in_another_flow_until_that_flow_goes_idle()
    {
        var flow = new TestFlow();
        int feeder = flow.Add("feeder", _ => JobOutcome.Ok(1L), flow: 0, inputs: [Input(init: Always(0L))]);
        int sender = flow.Add("sender", Pass, flow: 0, inputs: [Input()]);
        int destination = flow.Add("destination", Swallow, flow: 1, inputs: [Input()]);
        flow.Connect(feeder, sender);
        flow.Connect(sender, destination);
        var state = flow.Build();

        Assert.True(Drive.Step(state, out _));   // feeder → sender: a sender job is created
        Assert.True(Drive.Step(state, out _));   // sender → destination (other flow): block
        Assert.Equal(1, state.BlockCount);
        Assert.True(Drive.Step(state, out _));   // feeder → sender, which is now blocked
        Assert.True(state.IsBlocked(sender));
        Assert.DoesNotContain(sender, state.ReadyFunctions);
        Assert.Equal(0, state.RunningJobsOf(sender));

        Assert.True(state.TryTakeJob(out var job));
        Assert.Equal(destination, job.FunctionId);
        job.Execute();
        state.Complete(job);                       // flow 1 goes idle: the block is released
        Assert.False(state.IsBlocked(sender));
        Assert.Equal(0, state.BlockCount);
        Assert.Equal(1, state.RunningJobsOf(sender)); // released and made ready: its job is created at once
    }

    [Fact]
    public void Sends_inside_one_flow_and_loopbacks_never_block()
    {
        var flow = new TestFlow();
        int counter = flow.Add("counter", i => { i[0].TryGetInt64(out long n); return n < 5 ? JobOutcome.Ok(n + 1) : JobOutcome.NoOutput(); },
            inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Swallow, inputs: [Input()]);
        flow.Connect(counter, counter);
        flow.Connect(counter, sink);
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.Equal(0, state.BlockCount);
        Assert.Equal(11, state.Metrics.JobsCreated);
    }

    [Fact]
    public void A_flow_once_initializer_fires_at_start_unless_the_functions_own_fired()
    {
        var flow = new TestFlow();
        int onlyFlow = flow.Add("a", Swallow, flow: 1, inputs: [Input(flowInit: Once(5L)), Input()]);
        int both = flow.Add("b", Swallow, flow: 1, inputs: [Input(init: Once(1L), flowInit: Once(2L)), Input()]);
        var state = flow.Build();
        Assert.Equal([Value.FromInt64(5)], state.QueuedValues(onlyFlow, 0));
        Assert.Equal([Value.FromInt64(1)], state.QueuedValues(both, 0));
    }

    [Fact]
    public void A_flow_always_initializer_refills_when_its_flow_goes_idle()
    {
        var seen = new List<string>();
        var flow = new TestFlow();
        int outside = flow.Add("outside", _ => JobOutcome.Ok(Value.FromArray([7L, 8L])), flow: 0, inputs: [Input(init: Once(0L))]);
        int inner = flow.Add("inner", i => { seen.Add($"{i[0]},{i[1]}"); return JobOutcome.NoOutput(); }, flow: 1,
            inputs: [Input(flowInit: Always(10L)), Input()]);
        flow.Connect(outside, inner, 1);
        var state = flow.Build();
        Drive.ToEnd(state);
        // Without the idle refill the second value (8) would never find a partner.
        Assert.Equal(["10,7", "10,8"], seen);
    }

    [Fact]
    public void Flow_idle_initializers_skip_completed_functions()
    {
        var flow = new TestFlow();
        int done = flow.Add("done", _ => JobOutcome.NoOutput(runAgain: false), flow: 1, inputs: [Input(flowInit: Always(1L))]);
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.True(state.IsCompleted(done));
        Assert.Empty(state.QueuedValues(done, 0));
        Assert.Equal(1, state.Metrics.JobsCreated);
    }

    [Fact]
    public void A_function_always_initializer_also_refills_at_flow_idle_so_constants_accumulate()
    {
        var flow = new TestFlow();
        int f = flow.Add("f", Swallow, flow: 1, inputs: [Input(init: Always(1L)), Input()]);
        int source = flow.Add("source", _ => JobOutcome.Ok(3L, runAgain: false), flow: 0, inputs: [Input(init: Once(0L))]);
        flow.Connect(source, f, 1);
        var state = flow.Build();
        Drive.ToEnd(state);
        // Refilled once after its job and once more when flow 1 went idle (Era A).
        Assert.Equal(2, state.QueuedValues(f, 0).Count);
    }

    [Fact]
    public void Spurious_ready_entries_are_dropped_without_using_a_job_id()
    {
        // f holds two values and a ready entry for the second while -j 1 keeps its first job alone; that
        // job ends f, so the entry finds nothing to run. A flow initializer shows the flow then went idle.
        var flow = new TestFlow();
        int f = flow.Add("f", _ => JobOutcome.NoOutput(runAgain: false), inputs: [Input()]);
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([1L, 2L]), runAgain: false), inputs: [Input(init: Once(0L))]);
        int idle = flow.Add("idle", Swallow, inputs: [Input(flowInit: Always(9L)), Input()]);
        flow.Connect(source, f);
        var state = flow.Build(new RunStateOptions { MaxJobs = 1 });
        var ids = new List<long>();
        while (state.TryTakeJob(out var job))
        {
            ids.Add(job.Id);
            job.Execute();
            state.Complete(job);
        }
        Assert.True(state.IsFinished);
        Assert.Equal([1L, 2L], ids);
        Assert.Equal(2, state.Metrics.JobsCreated);
        Assert.Equal([Value.FromInt64(2)], state.QueuedValues(f, 0));
        Assert.Equal(2, state.QueuedValues(idle, 0).Count); // at start, and when the flow went idle at the end
    }

    [Fact]
    public void Max_jobs_caps_jobs_in_flight()
    {
        var flow = new TestFlow();
        flow.Add("a", Swallow, inputs: [Input(init: Once(1L))]);
        flow.Add("b", Swallow, inputs: [Input(init: Once(1L))]);
        var state = flow.Build(new RunStateOptions { MaxJobs = 1 });
        Assert.True(state.TryTakeJob(out var first));
        Assert.False(state.TryTakeJob(out _));
        first.Execute();
        state.Complete(first);
        Assert.True(state.TryTakeJob(out _));
    }

    [Fact]
    public void Random_order_gives_the_same_multiset_of_results()
    {
        static List<long> Run(RunStateOptions options)
        {
            var seen = new List<long>();
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 50).Select(n => Value.FromInt64(n))])),
                inputs: [Input(init: Once(0L))]);
            int square = flow.Add("square", i => { i[0].TryGetInt64(out long n); return JobOutcome.Ok(n * n); }, inputs: [Input()]);
            int sink = flow.Add("sink", i => { i[0].TryGetInt64(out long n); seen.Add(n); return JobOutcome.NoOutput(); }, inputs: [Input()]);
            flow.Connect(source, square);
            flow.Connect(square, sink);
            Drive.ToEnd(flow.Build(options));
            return seen;
        }
        var fifo = Run(new RunStateOptions());
        var random = Run(new RunStateOptions { Order = ReadyOrder.Random, Seed = 7 });
        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n * n), fifo);
        Assert.Equal(fifo.Order(), random.Order());
    }
}
