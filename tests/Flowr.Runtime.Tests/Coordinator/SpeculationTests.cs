// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>
/// The committed state with a speculation beside it: whatever order executors return the speculative
/// jobs in, the run is the one-job-at-a-time run, value for value and count for count.
/// </summary>
public class SpeculationTests
{
    private sealed record Trace(string Printed, long JobsCreated, long ValuesSent, long Errors);

    /// <summary>Runs jobs when the coordinator flushes, and posts their results in a seeded random order.</summary>
    private sealed class ShufflingSink(ResultQueue results, int seed) : IJobSink
    {
        private readonly Random _random = new(seed);
        private readonly List<Job> _pending = [];

        public int Executed { get; private set; }

        /// <summary>True while this sink runs a job (not while the coordinator predicts one).</summary>
        public bool Executing { get; private set; }

        /// <summary>Run states whose invariants are checked at each flush, when the coordinator is between two steps of each.</summary>
        public RunState[] Checked { get; init; } = [];

        public bool TrySubmit(Job job)
        {
            _pending.Add(job);
            return true;
        }

        public void Flush(int submitted)
        {
            foreach (var state in Checked) Assert.Empty(state.CheckInvariants());
            while (_pending.Count > 0)
            {
                int pick = _random.Next(_pending.Count);
                var job = _pending[pick];
                _pending.RemoveAt(pick);
                Executed++;
                Executing = true;
                bool executed = job.Execute();
                Executing = false;
                if (executed) results.Post(job);
            }
        }
    }

    private static Trace Run(Func<List<string>, TestFlow> build, int? window, int seed, bool predict = false)
    {
        var printed = new List<string>();
        var flow = build(printed);
        var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false, asFlowstdlib: predict);
        var speculation = window is { } w
            ? flow.Build(new RunStateOptions { MaxInFlight = w, Speculative = true, PredictLibraryResults = predict }, init: false, asFlowstdlib: predict)
            : null;
        using var results = new ResultQueue(8192);
        var sink = new ShufflingSink(results, seed) { Checked = speculation is null ? [committed] : [committed, speculation] };
        var metrics = new FlowCoordinator(committed, results, sink, speculation).Run();
        return new Trace(string.Join(' ', printed), metrics.JobsCreated, metrics.ValuesSent, metrics.JobErrors);
    }

    private static void AssertTheOneJobAtATimeRun(Func<List<string>, TestFlow> build)
    {
        var reference = Run(build, window: null, seed: 0);
        Assert.NotEmpty(reference.Printed);
        foreach (int window in new[] { 1, 2, 7, 64, 4096 })
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                Assert.Equal(reference, Run(build, window, seed));
                Assert.Equal(reference, Run(build, window, seed, predict: true));
            }
        }
    }

    private static long Number(Value value) => value.TryGetInt64(out long n) ? n : throw new InvalidOperationException($"{value} is not an integer");

    private static Func<Value[], JobOutcome> Printer(List<string> printed, string tag) =>
        i => { printed.Add($"{tag}{i[0]}"); return JobOutcome.NoOutput(); };

    [Fact]
    public void Two_producers_merging_into_one_printer()
    {
        AssertTheOneJobAtATimeRun(printed =>
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
    public void A_generator_chain_beside_heavy_consumers()
    {
        // A counter loops on itself and feeds a consumer of each number.
        AssertTheOneJobAtATimeRun(printed =>
        {
            var flow = new TestFlow();
            int counter = flow.Add("counter", i => Number(i[0]) < 30 ? JobOutcome.Ok(Number(i[0]) + 1) : JobOutcome.NoOutput(runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int work = flow.Add("work", i => JobOutcome.Ok(Value.FromString($"row {Number(i[0])}")), inputs: [Input(), Input(init: Always(7L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input(generic: true)]);
            flow.Connect(counter, counter);
            flow.Connect(counter, work);
            flow.Connect(work, print);
            return flow;
        });
    }

    [Fact]
    public void Loopbacks_input_forwarding_and_sub_flows_with_flow_initializers()
    {
        AssertTheOneJobAtATimeRun(printed =>
        {
            var flow = new TestFlow();
            int add = flow.Add("add", i =>
            {
                try { return JobOutcome.Ok(checked(Number(i[0]) + Number(i[1]))); }
                catch (OverflowException) { return JobOutcome.NoOutput(); }
            }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
            int scale = flow.Add("scale", i => JobOutcome.Ok(Number(i[0]) % 1000 * Number(i[1])), flow: 1, inputs: [Input(), Input(flowInit: Always(10L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input(generic: true)]);
            flow.Connect(add, add, 1);
            flow.ConnectInput(add, 1, add, 0);
            flow.Connect(add, scale);
            flow.Connect(add, print);
            flow.Connect(scale, print);
            return flow;
        });
    }

    [Fact]
    public void A_context_function_that_produces_values_restarts_the_speculation_and_the_run_is_unchanged()
    {
        AssertTheOneJobAtATimeRun(printed =>
        {
            var lines = new Queue<string>(["a b", "c d e", "f"]);
            var flow = new TestFlow();
            int read = flow.Add("read", _ => lines.TryDequeue(out string? line) ? JobOutcome.Ok(Value.FromString(line)) : JobOutcome.NoOutput(runAgain: false),
                context: true, inputs: [Input(init: Always(""))]);
            int words = flow.Add("words", i => JobOutcome.Ok(Value.FromArray([.. i[0].ToDisplayString().Split(' ').Select(Value.FromString)])), inputs: [Input()]);
            int shout = flow.Add("shout", i => JobOutcome.Ok(Value.FromString(i[0].ToDisplayString().ToUpperInvariant())), inputs: [Input()]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(read, words);
            flow.Connect(words, shout);
            flow.Connect(shout, print);
            return flow;
        });
    }

    [Fact]
    public void Run_again_false_and_errors_inside_the_speculation()
    {
        var previous = Logging.Log.Output;
        Logging.Log.Output = TextWriter.Null;
        try
        {
            AssertTheOneJobAtATimeRun(printed =>
            {
                var flow = new TestFlow();
                int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 12).Select(n => Value.FromInt64(n))]), runAgain: false),
                    inputs: [Input(init: Once(0L))]);
                int picky = flow.Add("picky", i => Number(i[0]) == 4 ? JobOutcome.Fail("four") : JobOutcome.Ok(i[0], runAgain: Number(i[0]) < 9),
                    inputs: [Input(), Input(init: Always(0L))]);
                int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
                flow.Connect(source, picky);
                flow.Connect(picky, print);
                return flow;
            });
        }
        finally
        {
            Logging.Log.Output = previous;
        }
    }

    [Fact]
    public void The_speculation_runs_the_jobs_of_a_heavy_consumer_ahead_of_the_committed_state()
    {
        var printed = new List<string>();
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 50).Select(n => Value.FromInt64(n))]), runAgain: false),
            inputs: [Input(init: Once(0L))]);
        int work = flow.Add("work", i => JobOutcome.Ok(i[0]), inputs: [Input()]);
        int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
        flow.Connect(source, work);
        flow.Connect(work, print);
        var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false);
        var speculation = flow.Build(new RunStateOptions { MaxInFlight = 4096, Speculative = true }, init: false);
        using var results = new ResultQueue(8192);
        var sink = new ShufflingSink(results, seed: 3);
        var metrics = new FlowCoordinator(committed, results, sink, speculation).Run();
        Assert.Equal(string.Join(' ', Enumerable.Range(1, 50)), string.Join(' ', printed));
        // Every job ran once, on the speculation's side, and many were out at once.
        Assert.Equal(51, sink.Executed);
        Assert.True(metrics.MaxJobsInParallel >= 50, $"at most {metrics.MaxJobsInParallel} jobs were out at once");
    }

    [Fact]
    public void Predicted_results_let_a_chain_run_ahead_of_its_round_trips()
    {
        // A counter that loops on itself: without predictions each step waits for the one before; with them,
        // the speculation hands out the whole chain at once, and the run is the same.
        TestFlow Build(List<string> printed)
        {
            var flow = new TestFlow();
            int counter = flow.Add("counter", i => Number(i[0]) < 300 ? JobOutcome.Ok(Number(i[0]) + 1) : JobOutcome.NoOutput(runAgain: false),
                inputs: [Input(init: Once(0L))]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(counter, counter);
            flow.Connect(counter, print);
            return flow;
        }
        (string Printed, long Parallel, int Executed) RunChain(bool predict)
        {
            var printed = new List<string>();
            var flow = Build(printed);
            var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false, asFlowstdlib: true);
            var speculation = flow.Build(new RunStateOptions { MaxInFlight = 4096, Speculative = true, PredictLibraryResults = predict }, init: false, asFlowstdlib: true);
            using var results = new ResultQueue(8192);
            var sink = new ShufflingSink(results, seed: 5) { Checked = [committed, speculation] };
            var metrics = new FlowCoordinator(committed, results, sink, speculation).Run();
            return (string.Join(' ', printed), metrics.MaxJobsInParallel, sink.Executed);
        }

        var plain = RunChain(predict: false);
        var predicted = RunChain(predict: true);
        Assert.Equal(string.Join(' ', Enumerable.Range(1, 300)), predicted.Printed);
        Assert.Equal(plain.Printed, predicted.Printed);
        Assert.True(plain.Parallel <= 2, $"without predictions {plain.Parallel} jobs of a chain were out at once");
        Assert.True(predicted.Parallel >= 300, $"with predictions only {predicted.Parallel} jobs were out at once");
        // Every job still ran in the sink, once: a prediction replaces no execution.
        Assert.Equal(301, predicted.Executed);
    }

    [Fact]
    public void A_wrong_prediction_is_never_committed()
    {
        // A function that gives the coordinator (predicting) other answers than the executor: the run prints
        // what the executor computed, exactly as without predictions.
        ShufflingSink? sink = null;
        Func<List<string>, TestFlow> build = printed =>
        {
            var flow = new TestFlow();
            int counter = flow.Add("counter", i =>
            {
                long n = Number(i[0]);
                if (n >= 40) return JobOutcome.NoOutput(runAgain: false);
                return JobOutcome.Ok(sink!.Executing || n % 7 == 0 ? n + 1 : n + 100);
            }, inputs: [Input(init: Once(0L))]);
            int double_ = flow.Add("double", i => JobOutcome.Ok(Number(i[0]) * 2), inputs: [Input()]);
            int print = flow.Add("print", Printer(printed, ""), context: true, inputs: [Input()]);
            flow.Connect(counter, counter);
            flow.Connect(counter, double_);
            flow.Connect(double_, print);
            return flow;
        };
        foreach (bool predict in new[] { false, true })
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                var printed = new List<string>();
                var flow = build(printed);
                var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false, asFlowstdlib: true);
                var speculation = flow.Build(new RunStateOptions { MaxInFlight = 64, Speculative = true, PredictLibraryResults = predict }, init: false, asFlowstdlib: true);
                using var results = new ResultQueue(8192);
                sink = new ShufflingSink(results, seed) { Checked = [committed, speculation] };
                new FlowCoordinator(committed, results, sink, speculation).Run();
                Assert.Equal(string.Join(' ', Enumerable.Range(1, 40).Select(n => n * 2)), string.Join(' ', printed));
            }
        }
    }

    [Fact]
    public void Speculative_job_ids_never_equal_committed_ones()
    {
        // An executor may hold a committed job run directly and a speculative job at once, and tells their
        // results apart by id alone: equal ids once hung a flow (one result was taken as the other's).
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 20).Select(n => Value.FromInt64(n))]), runAgain: false),
            inputs: [Input(init: Once(0L))]);
        int work = flow.Add("work", i => JobOutcome.Ok(i[0]), inputs: [Input()]);
        flow.Connect(source, work);
        var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 });
        var speculation = flow.Build(new RunStateOptions { MaxInFlight = 64, Speculative = true }, init: false);
        speculation.SyncFrom(committed);
        Assert.True(committed.TryTakeJob(out var committedJob));
        Assert.True(speculation.TryTakeJob(out var speculativeJob));
        Assert.Equal(1, committedJob.Id);
        Assert.True(speculativeJob.Id > int.MaxValue, $"speculative Job#{speculativeJob.Id}");
    }
}
