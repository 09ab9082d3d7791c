// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Coordinator;

public class RunStateTests
{
    private static JobOutcome CheckedAdd(Value[] i)
    {
        if (!i[0].TryGetInt64(out long a) || !i[1].TryGetInt64(out long b)) return JobOutcome.NoOutput();
        long sum;
        try { sum = checked(a + b); } catch (OverflowException) { return JobOutcome.NoOutput(); }
        return JobOutcome.Ok(sum);
    }

    private static Func<Value[], JobOutcome> Recorder(List<Value> seen) => i => { seen.Add(i[0]); return JobOutcome.NoOutput(); };

    [Fact]
    public void Fibonacci_runs_to_the_overflow_with_upstreams_counts()
    {
        var printed = new List<Value>();
        var flow = new TestFlow();
        int add = flow.Add("add", CheckedAdd, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
        int stdout = flow.Add("stdout", Recorder(printed), context: true, inputs: [Input(generic: true)]);
        flow.Connect(add, add, 1);
        flow.Connect(add, stdout);
        flow.ConnectInput(add, 1, add, 0);
        var state = flow.Build();

        Drive.ToEnd(state);

        Assert.Equal(91, printed.Count);
        Assert.Equal([1L, 2L, 3L, 5L, 8L], printed.Take(5).Select(v => { v.TryGetInt64(out long n); return n; }));
        Assert.Equal(Value.FromInt64(7540113804746346429), printed[^1]);
        Assert.Equal(183, state.Metrics.JobsCreated);
        Assert.Equal(274, state.Metrics.ValuesSent);
    }

    [Fact]
    public void A_job_takes_one_value_from_the_head_of_every_input_in_fifo_order()
    {
        var pairs = new List<(long, long)>();
        var flow = new TestFlow();
        int f = flow.Add("pair", i => { i[0].TryGetInt64(out long a); i[1].TryGetInt64(out long b); pairs.Add((a, b)); return JobOutcome.NoOutput(); },
            inputs: [Input(), Input()]);
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([1L, 2L, 3L])), inputs: [Input(init: Once(0L))]);
        int other = flow.Add("other", _ => JobOutcome.Ok(Value.FromArray([10L, 20L])), inputs: [Input(init: Once(0L))]);
        flow.Connect(source, f, 0);
        flow.Connect(other, f, 1);
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.Equal([(1L, 10L), (2L, 20L)], pairs);
        Assert.Equal([Value.FromInt64(3)], state.QueuedValues(f, 0));
    }

    [Theory]
    [InlineData("[1,2]", 0, "1|2")]
    [InlineData("[[1,2],[3,4]]", 0, "1|2|3|4")]
    [InlineData("[[1,2],[3,4]]", 1, "[1,2]|[3,4]")]
    [InlineData("1", 1, "[1]")]
    [InlineData("[1,2]", 2, "[[1,2]]")]
    [InlineData("1", 2, "[[1]]")]
    [InlineData("1", 0, "1")]
    [InlineData("[]", 0, "")]
    [InlineData("[[[1]]]", 0, "")]
    public void Values_are_converted_by_the_difference_of_array_orders(string sent, int inputOrder, string expected)
    {
        var seen = new List<Value>();
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.Parse(sent), runAgain: false), inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Recorder(seen), inputs: [Input(order: inputOrder)]);
        flow.Connect(source, sink);
        Drive.ToEnd(flow.Build());
        Assert.Equal(expected, string.Join('|', seen.Select(v => v.ToString())));
    }

    [Fact]
    public void Generic_inputs_take_arrays_whole()
    {
        var seen = new List<Value>();
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.Parse("[[1,2],[3]]")), inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Recorder(seen), inputs: [Input(generic: true)]);
        flow.Connect(source, sink);
        Drive.ToEnd(flow.Build());
        Assert.Equal("[[1,2],[3]]", Assert.Single(seen).ToString());
    }

    [Fact]
    public void Output_pointers_select_parts_and_missing_parts_send_nothing()
    {
        var seen = new List<Value>();
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.Parse("""{"a":[5,6],"b":"x"}""")), inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Recorder(seen), inputs: [Input(generic: true)]);
        flow.Connect(source, sink, pointer: "/a/1");
        flow.Connect(source, sink, pointer: "/b");
        flow.Connect(source, sink, pointer: "/missing");
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.Equal(["6", "\"x\""], seen.Select(v => v.ToString()));
        Assert.Equal(2, state.Metrics.ValuesSent);
    }

    [Fact]
    public void Input_forwarding_fires_even_without_output()
    {
        var seen = new List<Value>();
        var flow = new TestFlow();
        int f = flow.Add("silent", _ => JobOutcome.NoOutput(), inputs: [Input(init: Once(42L))]);
        int sink = flow.Add("sink", Recorder(seen), inputs: [Input()]);
        flow.ConnectInput(f, 0, sink);
        Drive.ToEnd(flow.Build());
        Assert.Equal([Value.FromInt64(42)], seen);
    }

    [Fact]
    public void Run_again_false_completes_the_function_and_it_never_runs_again()
    {
        int runs = 0;
        var flow = new TestFlow();
        int f = flow.Add("once", _ => { runs++; return JobOutcome.NoOutput(runAgain: false); }, inputs: [Input(init: Always(1L))]);
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.Equal(1, runs);
        Assert.True(state.IsCompleted(f));
    }

    [Fact]
    public void A_constant_input_does_not_hold_back_the_next_job_of_its_function()
    {
        var seen = new List<string>();
        var flow = new TestFlow();
        int f = flow.Add("f", i => JobOutcome.Ok(Value.FromString($"{i[0]},{i[1]}")), inputs: [Input(init: Always(1L)), Input()]);
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([5L, 6L])), inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", i => { seen.Add(i[0].ToDisplayString()); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(source, f, 1);
        flow.Connect(f, sink);
        var state = flow.Build();
        Assert.True(Drive.Step(state, out _));          // source runs: f gets two values on input 1
        Assert.True(state.TryTakeJob(out var first));    // f's first job takes the constant
        Assert.True(state.TryTakeJob(out var second));   // the second takes the refill the first will leave
        Assert.Equal(f, second.FunctionId);
        Assert.Empty(state.QueuedValues(f, 0));
        second.Execute();
        state.Complete(second);                          // early: waits for the first to retire
        Assert.Equal(2, state.RunningJobsOf(f));
        first.Execute();
        state.Complete(first);
        Assert.Equal(["1,5", "1,6"], seen);
        Assert.True(state.IsFinished);
        // As one job at a time: the refill after the last job, and one more when the flow went idle.
        Assert.Equal([Value.FromInt64(1), Value.FromInt64(1)], state.QueuedValues(f, 0));
    }

    [Fact]
    public void Once_initializers_fire_only_at_start()
    {
        int runs = 0;
        var flow = new TestFlow();
        flow.Add("f", _ => { runs++; return JobOutcome.NoOutput(); }, inputs: [Input(init: Once(1L))]);
        Drive.ToEnd(flow.Build());
        Assert.Equal(1, runs);
    }

    [Fact]
    public void An_error_result_does_not_complete_the_function_and_the_flow_goes_on()
    {
        var seen = new List<Value>();
        var flow = new TestFlow();
        int bad = flow.Add("bad", _ => throw new InvalidOperationException("boom"), inputs: [Input(init: Once(1L))]);
        int good = flow.Add("good", _ => JobOutcome.Ok(7L, runAgain: false), inputs: [Input(init: Once(1L))]);
        int sink = flow.Add("sink", Recorder(seen), inputs: [Input()]);
        flow.Connect(good, sink);
        var state = flow.Build();
        Drive.ToEnd(state);
        Assert.Equal(1, state.Metrics.JobErrors);
        Assert.False(state.IsCompleted(bad));
        Assert.Empty(state.QueuedValues(bad, 0));
        Assert.Equal([Value.FromInt64(7)], seen);
    }

    [Fact]
    public void Functions_without_inputs_run_until_they_complete()
    {
        int runs = 0;
        var flow = new TestFlow();
        flow.Add("gen", _ => JobOutcome.NoOutput(runAgain: ++runs < 3));
        Drive.ToEnd(flow.Build());
        Assert.Equal(3, runs);
    }
}
