// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>
/// A committed state and a speculation beside it, driven on the test thread as the coordinator drives them
/// (predictions taken, jobs run directly when the speculation is behind or went astray, restarts after
/// context values), with speculative results arriving in a random order: both states' invariants hold
/// after every step, and the run is the one-job-at-a-time run.
/// </summary>
public class SpeculationInvariantTests
{
    private sealed record Trace(string Printed, long JobsCreated, long ValuesSent, long Errors);

    public static TheoryData<string> Flows => [.. Builders.Keys];

    [Theory]
    [MemberData(nameof(Flows))]
    public void Both_states_keep_their_invariants_after_every_step_and_the_run_is_the_one_job_at_a_time_run(string name)
    {
        var build = Builders[name];
        var previous = Logging.Log.Output;
        Logging.Log.Output = TextWriter.Null;   // the flow with an error logs it
        try
        {
            var alone = new List<string>();
            var state = build(alone).Build(new RunStateOptions { MaxInFlight = 1 });
            Drive.ToEnd(state);
            var expected = new Trace(string.Join(' ', alone), state.Metrics.JobsCreated, state.Metrics.ValuesSent, state.Metrics.JobErrors);
            Assert.NotEmpty(expected.Printed);
            foreach (int window in new[] { 1, 3, 16, 256 })
            {
                for (int seed = 1; seed <= 3; seed++)
                {
                    Assert.Equal(expected, RunWithSpeculation(build, window, seed, out int predicted));
                    // The speculation really ran ahead: the run took results from it.
                    if (window > 1) Assert.True(predicted > 0, $"no prediction taken with a window of {window}");
                }
            }
        }
        finally
        {
            Logging.Log.Output = previous;
        }
    }

    private static Trace RunWithSpeculation(Func<List<string>, TestFlow> build, int window, int seed, out int predicted)
    {
        predicted = 0;
        var printed = new List<string>();
        var flow = build(printed);
        var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false);
        var speculation = flow.Build(new RunStateOptions { MaxInFlight = window, Speculative = true }, init: false);
        var random = new Random(seed);
        var out_ = new List<Job>();
        committed.Init();
        committed.ContextChangedFlow = false;
        speculation.SyncFrom(committed);
        for (int steps = 0; ; steps++)
        {
            Assert.True(steps < 1_000_000, "flow did not finish");
            Assert.Empty(committed.CheckInvariants());
            Assert.Empty(speculation.CheckInvariants());
            if (committed.TryTakeJob(out var job))
            {
                var prediction = speculation.TryTakePrediction(job.FunctionId, job.Index, job.Inputs, out var outcome);
                while (prediction == Prediction.Pending)
                {
                    TakeAll(speculation, out_);
                    CompleteOne(speculation, out_, random);
                    prediction = speculation.TryTakePrediction(job.FunctionId, job.Index, job.Inputs, out outcome);
                }
                if (prediction == Prediction.Ready)
                {
                    job.Outcome = outcome;
                    predicted++;
                }
                else
                {
                    job.Execute();
                }
                committed.Complete(job);
                if (prediction == Prediction.Diverged || committed.ContextChangedFlow)
                {
                    committed.ContextChangedFlow = false;
                    speculation.SyncFrom(committed);
                }
            }
            else if (committed.IsFinished)
            {
                break;
            }
            TakeAll(speculation, out_);
            // Some speculative results come back between two committed jobs, in any order.
            if (out_.Count > 0 && random.Next(2) == 0) CompleteOne(speculation, out_, random);
        }
        while (out_.Count > 0) CompleteOne(speculation, out_, random);
        Assert.Empty(speculation.CheckInvariants());
        return new Trace(string.Join(' ', printed), committed.Metrics.JobsCreated, committed.Metrics.ValuesSent, committed.Metrics.JobErrors);
    }

    private static void TakeAll(RunState speculation, List<Job> out_)
    {
        while (speculation.TryTakeJob(out var ahead))
        {
            ahead.Execute();
            out_.Add(ahead);
        }
    }

    private static void CompleteOne(RunState speculation, List<Job> out_, Random random)
    {
        Assert.NotEmpty(out_);
        int pick = random.Next(out_.Count);
        var job = out_[pick];
        out_.RemoveAt(pick);
        speculation.Complete(job);
    }

    private static long Number(Value value) => value.TryGetInt64(out long n) ? n : throw new InvalidOperationException($"{value} is not an integer");

    private static Func<Value[], JobOutcome> Printer(List<string> printed) => i => { printed.Add(i[0].ToString()); return JobOutcome.NoOutput(); };

    private static readonly Dictionary<string, Func<List<string>, TestFlow>> Builders = new()
    {
        ["fibonacci with a doubler"] = printed =>
        {
            var flow = new TestFlow();
            int add = flow.Add("add", i =>
            {
                try { return JobOutcome.Ok(checked(Number(i[0]) + Number(i[1]))); }
                catch (OverflowException) { return JobOutcome.NoOutput(); }
            }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
            int twice = flow.Add("twice", i => JobOutcome.Ok(Value.FromString($"{Number(i[0])}x2")), inputs: [Input()]);
            int print = flow.Add("print", Printer(printed), context: true, inputs: [Input(generic: true)]);
            flow.Connect(add, add, 1);
            flow.ConnectInput(add, 1, add, 0);
            flow.Connect(add, twice);
            flow.Connect(add, print);
            flow.Connect(twice, print);
            return flow;
        },
        ["two producers merging"] = printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 40).Select(n => Value.FromInt64(n))]), runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int square = flow.Add("square", i => JobOutcome.Ok(Number(i[0]) * Number(i[0])), inputs: [Input()]);
            int negate = flow.Add("negate", i => JobOutcome.Ok(-Number(i[0])), inputs: [Input(), Input(init: Always(0L))]);
            int print = flow.Add("print", Printer(printed), context: true, inputs: [Input()]);
            flow.Connect(source, square);
            flow.Connect(source, negate);
            flow.Connect(square, print);
            flow.Connect(negate, print);
            return flow;
        },
        ["a sub-flow with blocks and a flow initializer"] = printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 30).Select(n => Value.FromInt64(n))]), runAgain: false),
                flow: 0, inputs: [Input(init: Once(0L))]);
            int scale = flow.Add("scale", i => JobOutcome.Ok(Number(i[0]) * Number(i[1])), flow: 1, inputs: [Input(), Input(flowInit: Always(10L))]);
            int offset = flow.Add("offset", i => JobOutcome.Ok(Number(i[0]) + 1), flow: 1, inputs: [Input()]);
            int print = flow.Add("print", Printer(printed), context: true, flow: 0, inputs: [Input()]);
            flow.Connect(source, scale);
            flow.Connect(scale, offset);
            flow.Connect(offset, print);
            flow.Connect(source, print);
            return flow;
        },
        ["a function ending itself and another failing"] = printed =>
        {
            var flow = new TestFlow();
            int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 12).Select(n => Value.FromInt64(n))]), runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int takeFive = flow.Add("take_five", i => JobOutcome.Ok(i[0], runAgain: Number(i[0]) < 5), inputs: [Input(), Input(init: Always(0L))]);
            int picky = flow.Add("picky", i => Number(i[0]) == 7 ? JobOutcome.Fail("seven") : JobOutcome.Ok(i[0]), inputs: [Input(), Input(init: Always(0L))]);
            int print = flow.Add("print", Printer(printed), context: true, inputs: [Input()]);
            flow.Connect(source, takeFive);
            flow.Connect(source, picky);
            flow.Connect(takeFive, print);
            flow.Connect(picky, print);
            return flow;
        },
        ["a context function feeding the flow"] = printed =>
        {
            // Like a reader of stdin: only the committed state runs it, and each value it gives restarts the speculation.
            int lines = 0;
            var flow = new TestFlow();
            int reader = flow.Add("reader", _ => ++lines <= 6 ? JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, lines).Select(n => Value.FromInt64(10 * lines + n))])) : JobOutcome.NoOutput(runAgain: false),
                context: true, inputs: [Input(init: Always(0L))]);
            int square = flow.Add("square", i => JobOutcome.Ok(Number(i[0]) * Number(i[0])), inputs: [Input()]);
            int print = flow.Add("print", Printer(printed), context: true, inputs: [Input()]);
            flow.Connect(reader, square);
            flow.Connect(square, print);
            return flow;
        },
    };
}
