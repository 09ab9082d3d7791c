// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>
/// Pipelined jobs: several jobs of one function in flight, results arriving in any order, retired in
/// creation order, so that every send and every printed value is the same whatever the arrival order.
/// </summary>
public class PipelinedJobsTests
{
    /// <summary>What a run did: every value each context sink saw, in order, and the run's counts.</summary>
    private sealed record Trace(string Printed, long JobsCreated, long ValuesSent, long Errors);

    /// <summary>
    /// Runs a flow taking up to <paramref name="window"/> jobs before completing a random one of them
    /// (seeded), as parallel executors and remote machines return them.
    /// </summary>
    private static Trace Run(Func<List<string>, TestFlow> build, int window, int seed, RunStateOptions? options = null)
    {
        var printed = new List<string>();
        var state = build(printed).Build(options);
        var random = new Random(seed);
        var taken = new List<Job>();
        for (int steps = 0; ; steps++)
        {
            Assert.True(steps < 1_000_000, "flow did not finish");
            while (taken.Count < window && state.TryTakeJob(out var job))
            {
                job.Execute();
                taken.Add(job);
            }
            if (taken.Count == 0) break;
            int pick = random.Next(taken.Count);
            var done = taken[pick];
            taken.RemoveAt(pick);
            state.Complete(done);
            Assert.Empty(state.CheckInvariants());
        }
        Assert.True(state.IsFinished);
        return new Trace(string.Join(' ', printed), state.Metrics.JobsCreated, state.Metrics.ValuesSent, state.Metrics.JobErrors);
    }

    private static void AssertSameWhateverTheArrivalOrder(Func<List<string>, TestFlow> build)
    {
        var inOrder = Run(build, window: 1, seed: 0);
        Assert.NotEmpty(inOrder.Printed);
        foreach (int window in new[] { 2, 3, 8, 64, 4096 })
        {
            for (int seed = 1; seed <= 5; seed++) Assert.Equal(inOrder, Run(build, window, seed));
        }
    }

    private static Func<Value[], JobOutcome> Printer(List<string> printed, string tag) =>
        i => { printed.Add($"{tag}{i[0]}"); return JobOutcome.NoOutput(); };

    private static long Number(Value value) => value.TryGetInt64(out long n) ? n : throw new InvalidOperationException($"{value} is not an integer");

    [Fact]
    public void Two_producers_merging_into_one_printer_print_the_same_in_any_arrival_order()
    {
        // The merge is where arrival order would show: both producers' values meet on one input.
        AssertSameWhateverTheArrivalOrder(printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 40).Select(n => Value.FromInt64(n))]), runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int square = flow.Add("square", i => JobOutcome.Ok(Number(i[0]) * Number(i[0])), inputs: [Input()]);
            int negate = flow.Add("negate", i => JobOutcome.Ok(-Number(i[0])), inputs: [Input(), Input(init: Always(0L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(source, square);
            flow.Connect(source, negate);
            flow.Connect(square, print);
            flow.Connect(negate, print);
            return flow;
        });
    }

    [Fact]
    public void A_pipeline_with_loopbacks_and_input_forwarding_is_the_same_in_any_arrival_order()
    {
        // fibonacci: add loops back its sum to i2 and forwards its i2 to i1; the sums also feed a doubler.
        AssertSameWhateverTheArrivalOrder(printed =>
        {
            var flow = new TestFlow();
            int add = flow.Add("add", i =>
            {
                try { return JobOutcome.Ok(checked(Number(i[0]) + Number(i[1]))); }
                catch (OverflowException) { return JobOutcome.NoOutput(); }
            }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
            int twice = flow.Add("twice", i => JobOutcome.Ok(Value.FromString($"{Number(i[0])}x2")), inputs: [Input()]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input(generic: true)]);
            flow.Connect(add, add, 1);
            flow.ConnectInput(add, 1, add, 0);
            flow.Connect(add, twice);
            flow.Connect(add, print);
            flow.Connect(twice, print);
            return flow;
        });
    }

    [Fact]
    public void Functions_in_sub_flows_with_blocks_and_flow_initializers_give_the_same_run_in_any_arrival_order()
    {
        AssertSameWhateverTheArrivalOrder(printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 30).Select(n => Value.FromInt64(n))]), runAgain: false),
                flow: 0, inputs: [Input(init: Once(0L))]);
            int scale = flow.Add("scale", i => JobOutcome.Ok(Number(i[0]) * Number(i[1])), flow: 1, inputs: [Input(), Input(flowInit: Always(10L))]);
            int offset = flow.Add("offset", i => JobOutcome.Ok(Number(i[0]) + 1), flow: 1, inputs: [Input()]);
            int print = flow.Add("print", Printer(printed, ""), context: true, flow: 0, inputs: [Input()]);
            flow.Connect(source, scale);
            flow.Connect(scale, offset);
            flow.Connect(offset, print);
            flow.Connect(source, print);
            return flow;
        });
    }

    [Fact]
    public void A_job_that_ends_its_function_voids_the_younger_jobs_as_if_they_were_never_created()
    {
        // take_three ends itself on its third job; jobs for the values after it were created ahead.
        Func<List<string>, TestFlow> build = printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 10).Select(n => Value.FromInt64(n))]), runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int takeThree = flow.Add("take_three", i => JobOutcome.Ok(i[0], runAgain: Number(i[0]) < 3), inputs: [Input(), Input(init: Always(0L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(source, takeThree);
            flow.Connect(takeThree, print);
            return flow;
        };
        var run = Run(build, window: 64, seed: 3);
        Assert.Equal("1 2 3", run.Printed);
        // source, three of take_three and three prints: the voided jobs are not counted.
        Assert.Equal(7, run.JobsCreated);
        AssertSameWhateverTheArrivalOrder(build);

        // The values of the voided jobs are back on the input, in order, and the constant is not owed.
        var state = build([]).Build();
        var taken = new List<Job>();
        while (state.TryTakeJob(out var job)) taken.Add(job);   // source
        foreach (var job in taken) { job.Execute(); state.Complete(job); }
        taken.Clear();
        while (state.TryTakeJob(out var job)) taken.Add(job);   // ten take_three jobs, created ahead
        Assert.Equal(10, taken.Count);
        for (int i = taken.Count - 1; i >= 0; i--) { taken[i].Execute(); state.Complete(taken[i]); }
        int takeThreeId = 1;
        Assert.True(state.IsCompleted(takeThreeId));
        Assert.Equal(Enumerable.Range(4, 7).Select(n => Value.FromInt64(n)), state.QueuedValues(takeThreeId, 0));
        Assert.Empty(state.QueuedValues(takeThreeId, 1));
    }

    [Fact]
    public void A_failing_job_voids_the_younger_jobs_of_its_function_and_the_flow_goes_on()
    {
        Func<List<string>, TestFlow> build = printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 6).Select(n => Value.FromInt64(n))]), runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int picky = flow.Add("picky", i => Number(i[0]) == 2 ? JobOutcome.Fail("two") : JobOutcome.Ok(i[0]), inputs: [Input(), Input(init: Always(0L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(source, picky);
            flow.Connect(picky, print);
            return flow;
        };
        var previous = Logging.Log.Output;
        Logging.Log.Output = TextWriter.Null;
        try
        {
            var run = Run(build, window: 16, seed: 5);
            // As one job at a time: after the error picky is neither refilled nor re-armed; its flow then
            // goes idle, the idle refill of its constant lets it run again, and 3..6 follow.
            Assert.Equal("1 3 4 5 6", run.Printed);
            Assert.Equal(1, run.Errors);
            AssertSameWhateverTheArrivalOrder(build);
        }
        finally
        {
            Logging.Log.Output = previous;
        }
    }

    [Fact]
    public void A_function_with_many_input_sets_has_many_jobs_in_flight_up_to_the_cap()
    {
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 100).Select(n => Value.FromInt64(n))]), runAgain: false),
            inputs: [Input(init: Once(0L))]);
        int work = flow.Add("work", i => JobOutcome.Ok(i[0]), inputs: [Input(), Input(init: Always(1L))]);
        flow.Connect(source, work);
        var state = flow.Build(new RunStateOptions { MaxInFlight = 32 });
        Assert.True(Drive.Step(state, out _));
        int taken = 0;
        while (state.TryTakeJob(out _)) taken++;
        Assert.Equal(32, taken);
        Assert.Equal(32, state.RunningJobsOf(work));
        Assert.Equal(32, state.Metrics.MaxJobsInParallel);
    }

    [Fact]
    public void Context_jobs_run_at_their_turn_never_ahead_of_older_jobs()
    {
        var events = new List<string>();
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([1L, 2L, 3L]), runAgain: false), inputs: [Input(init: Once(0L))]);
        int slow = flow.Add("slow", i => JobOutcome.Ok(i[0]), inputs: [Input()]);
        int print = flow.Add("print", i => { events.Add($"print {i[0]}"); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(source, slow);
        flow.Connect(slow, print);
        var state = flow.Build();
        Assert.True(Drive.Step(state, out _));
        var jobs = new List<Job>();
        while (state.TryTakeJob(out var job)) jobs.Add(job);
        Assert.Equal(3, jobs.Count);
        jobs[2].Execute();
        state.Complete(jobs[2]);
        jobs[1].Execute();
        state.Complete(jobs[1]);
        Assert.Empty(events);                        // the oldest job is not back: nothing after it retires
        jobs[0].Execute();
        state.Complete(jobs[0]);
        Assert.Equal(["print 1", "print 2", "print 3"], events);
        Assert.True(state.IsFinished);
    }

    [Fact]
    public void A_function_without_inputs_never_runs_ahead()
    {
        int runs = 0;
        var flow = new TestFlow();
        flow.Add("gen", _ => JobOutcome.NoOutput(runAgain: ++runs < 5));
        var state = flow.Build();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(state.TryTakeJob(out var job));
            Assert.False(state.TryTakeJob(out _));
            job.Execute();
            state.Complete(job);
        }
        Assert.True(state.IsFinished);
        Assert.Equal(5, state.Metrics.JobsCreated);
    }
}
