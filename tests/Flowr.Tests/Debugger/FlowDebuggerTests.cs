// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.InteropServices;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Debugger.DebugFlow;

namespace Flowr.Tests.Debugger;

/// <summary>
/// The debugger's hooks and commands against a run state driven job by job (<see cref="DebugRun"/>), with
/// commands typed from a script. fibonacci here prints 1, 2, 3, 5, 8, 13 in 13 jobs (add and print alternate).
/// </summary>
public class FlowDebuggerTests
{
    private static readonly long[] Series = [1, 2, 3, 5, 8, 13];

    [Fact]
    public void It_prompts_before_the_first_job_and_run_starts_the_flow_to_its_end()
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "r", "q").ToEnd();

        Assert.StartsWith("flowr debugger: 2 functions, 1 ready to run.", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Job #0> r\n", run.Transcript, StringComparison.Ordinal);
        Assert.Equal(Series, printed);
        Assert.Contains("Flow has completed: 13 jobs created", run.Transcript, StringComparison.Ordinal);
        Assert.EndsWith("Job #13> q\nDebugger is exiting\n", run.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("/fib/add")]
    [InlineData("add")]
    [InlineData("fib/add")]
    public void A_function_breakpoint_breaks_before_each_of_its_jobs_showing_the_inputs(string spec)
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "b " + spec, "c", "c", "c", "q").ToEnd();

        Assert.Contains("Break before Job #1 of #0 /fib/add (breakpoint on function #0 /fib/add), to run on the executor threads (2)\n  i1 = 0\n  i2 = 1\n",
            run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Break before Job #3 of #0 /fib/add (breakpoint on function #0 /fib/add), to run on the executor threads (2)\n  i1 = 1\n  i2 = 1\n",
            run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Break before Job #5 of #0 /fib/add", run.Transcript, StringComparison.Ordinal);
        // Quit at job 5's break: job 5 never ran, so only the first two sums were printed.
        Assert.Equal([1, 2], printed);
        Assert.True(run.Debugger.StopRequested);
    }

    [Fact]
    public void Step_breaks_before_the_next_job_and_shows_what_the_jobs_stepped_over_returned()
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "s", "s", "s 3", "q").ToEnd();

        string transcript = run.Transcript;
        Assert.Contains("Job #0> s\nBreak before Job #1 of #0 /fib/add (step)", transcript, StringComparison.Ordinal);
        Assert.Contains("Job #1> s\nJob #1 of #0 /fib/add finished: output 1\nBreak before Job #2 of #1 /fib/print (step), to run on the coordinator thread\n  default = 1\n",
            transcript, StringComparison.Ordinal);
        Assert.Contains("Job #2> s 3\nJob #2 of #1 /fib/print finished: no output\nJob #3 of #0 /fib/add finished: output 2\nJob #4 of #1 /fib/print finished: no output\nBreak before Job #5 of #0 /fib/add (step)",
            transcript, StringComparison.Ordinal);
        Assert.Equal([1, 2], printed);
    }

    [Fact]
    public void An_empty_line_repeats_the_last_step()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "s", "", "", "q").ToEnd();

        Assert.Contains("Job #2> \nJob #2 of #1 /fib/print finished: no output\nBreak before Job #3 of #0 /fib/add (step)", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_breakpoint_shows_each_value_and_where_it_goes_in_connection_order()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "b add/", "c", "c", "c", "q").ToEnd();

        Assert.Contains("Break on a value (breakpoint on values sent from the output of #0 /fib/add):\n  #0 /fib/add sends its output\n  value: 1\n  to:    #0 /fib/add:i2\n",
            run.Transcript, StringComparison.Ordinal);
        Assert.Contains("  #0 /fib/add sends its output over connection 'next value'\n  value: 1\n  to:    #1 /fib/print:default\n", run.Transcript, StringComparison.Ordinal);
        // The value add passes on from its input is not from its output.
        Assert.DoesNotContain("passes on", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("  value: 2\n  to:    #0 /fib/add:i2\n", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_breakpoint_on_an_input_passed_on_shows_the_old_value()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "b add/i2", "c", "c", "c", "q").ToEnd();

        Assert.Contains("  #0 /fib/add passes on its input 'i2' over connection 'previous'\n  value: 1\n  to:    #0 /fib/add:i1\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("  value: 2\n  to:    #0 /fib/add:i1\n", run.Transcript, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("print:default")]
    [InlineData("1:0")]
    [InlineData("/fib/print:0")]
    public void An_input_breakpoint_breaks_on_each_value_sent_to_it(string spec)
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "b " + spec, "c", "c", "c", "q").ToEnd();

        var values = run.Transcript.Split('\n').Where(l => l.StartsWith("  value: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["  value: 1", "  value: 2", "  value: 3"], values);
        Assert.Equal(3, run.Transcript.Split('\n').Count(l => l == "  to:    #1 /fib/print:default"));
    }

    [Fact]
    public void Blocks_across_flows_and_a_flow_going_idle_break_when_asked()
    {
        var flow = new DebugFlow();
        int feeder = flow.Add("/top/feeder", _ => JobOutcome.Ok(1L), inputs: [("tick", Always(0L))]);
        int sender = flow.Add("/top/sender", i => JobOutcome.Ok(i[0]), inputs: [("in", null)]);
        int destination = flow.Add("/top/sub/destination", _ => JobOutcome.NoOutput(), flow: 1, inputs: [("in", null)]);
        flow.Connect(feeder, sender);
        flow.Connect(sender, destination);

        var run = new DebugRun(flow, "b sender->destination", "b idle sub", "c", "p", "c", "q").ToEnd(maxJobs: 50);

        Assert.Contains("Block made: #1 /top/sender is held back by #2 /top/sub/destination, whose input 'in' has values queued; it may be scheduled again once flow #1 /top/sub goes idle\n",
            run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Blocks:\n  #1 /top/sender is held back by #2 /top/sub/destination (its input 'in' has values)\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Flow #1 /top/sub went idle: it releases the senders it blocked (1 block(s) held by its functions) and applies its flow initializers\n",
            run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_error_breaks_by_default_with_the_message_and_inputs_and_not_once_deleted()
    {
        var first = new DebugRun(Divide(), "c", "c", "q").ToEnd();

        Assert.Contains("Job #4 of #1 /f/divide failed: /f/divide: division by zero\n  divisor = 0\nJob #4> c\n", first.Transcript, StringComparison.Ordinal);
        Assert.Contains("Flow has completed: 5 jobs created", first.Transcript, StringComparison.Ordinal);
        Assert.Contains("1 job errors", first.Transcript, StringComparison.Ordinal);

        var second = new DebugRun(Divide(), "d error", "c", "q").ToEnd();

        Assert.DoesNotContain("failed", second.Transcript, StringComparison.Ordinal);
        Assert.Contains("Flow has completed: 5 jobs created", second.Transcript, StringComparison.Ordinal);
        Assert.Contains("1 job errors", second.Transcript, StringComparison.Ordinal);

        // countdown 2 → sends 1, then 0, to divide, which fails on 0.
        static DebugFlow Divide()
        {
            var flow = new DebugFlow();
            int countdown = flow.Add("/f/countdown", i => i[0].TryGetInt64(out long n) && n > 0 ? JobOutcome.Ok(n - 1) : JobOutcome.NoOutput(),
                inputs: [("n", Once(2L))]);
            int divide = flow.Add("/f/divide", i => i[0].TryGetInt64(out long n) && n != 0 ? JobOutcome.Ok(10 / n) : JobOutcome.Fail("division by zero"),
                inputs: [("divisor", null)]);
            flow.Connect(countdown, countdown);
            flow.Connect(countdown, divide);
            return flow;
        }
    }

    [Fact]
    public void Run_at_the_end_runs_the_flow_again_with_the_breakpoints_kept()
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "c", "b print", "r", "c", "d *", "c", "q").ToEnd();

        Assert.Equal(2, run.Runs);
        Assert.Equal([.. Series, .. Series], printed);
        Assert.Contains("Job #13> r\nResetting the flow to its initial state\nRunning the flow again from its initial state\nBreak before Job #2 of #1 /fib/print",
            run.Transcript, StringComparison.Ordinal);
        Assert.Equal(2, run.Transcript.Split('\n').Count(l => l.StartsWith("Flow has completed: 13 jobs created", StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_in_the_middle_stops_this_run_and_starts_again_from_the_initial_state()
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "b print", "c", "c", "r", "d *", "c", "q").ToEnd();

        // First run: print ran once (1) before the break at its second job; then the whole series.
        Assert.Equal([1, .. Series], printed);
        Assert.Equal(2, run.Runs);
        Assert.Contains("Job #4> r\nResetting the flow to its initial state\n", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void End_of_input_at_the_prompt_leaves_and_stops_the_flow()
    {
        var (flow, printed) = Fibonacci();

        var run = new DebugRun(flow, "b print").ToEnd();

        Assert.EndsWith("Job #0> <end of input>\nDebugger is exiting: the flow is stopped\n", run.Transcript, StringComparison.Ordinal);
        Assert.Empty(printed);
        Assert.True(run.Debugger.StopRequested);
    }

    [Fact]
    public void Print_shows_the_state_and_queued_values_cut_to_the_chosen_size_and_the_end_says_what_was_left()
    {
        // count 1…20 → word n (n x's) → join's 'words'; nothing ever feeds join's 'separator'.
        var words = Enumerable.Range(1, 20).Select(n => Value.FromString(new string('x', n))).ToArray();
        var flow = new DebugFlow();
        int count = flow.Add("/j/count", i =>
        {
            i[0].TryGetInt64(out long n);
            return n < words.Length ? JobOutcome.Ok(n + 1) : JobOutcome.NoOutput(runAgain: false);
        }, inputs: [("n", Once(0L))]);
        int word = flow.Add("/j/word", i => { i[0].TryGetInt64(out long n); return JobOutcome.Ok(words[n - 1]); }, inputs: [("n", null)]);
        int join = flow.Add("/j/join", _ => JobOutcome.NoOutput(), inputs: [("words", null), ("separator", null)]);
        flow.Connect(count, count);
        flow.Connect(count, word);
        flow.Connect(word, join);

        var run = new DebugRun(flow, "c", "m values=3 width=8", "p join", "p", "q").ToEnd();

        string transcript = run.Transcript;
        Assert.Contains("Values left in queues when the flow ended:\n  #2 /j/join has 'words' (20 values, first \"x\") but nothing on 'separator' (fed by nothing)\n",
            transcript, StringComparison.Ordinal);
        Assert.Contains("values set to 3\nwidth set to 8\n", transcript, StringComparison.Ordinal);
        Assert.Contains("#2 /j/join (lib://test/j/join), in flow #0 /j\n  state: waiting\n  input words: 20 values\n    \"x\"\n    \"xx\"\n    \"xxx\"\n    ... and 17 more\n  input separator: empty\n",
            transcript, StringComparison.Ordinal);
        Assert.Contains("Jobs in flight: none\nRun ahead: nothing (one job at a time)\nReady: nothing\nFunctions:\n  #0 /j/count: completed; inputs n empty\n  #1 /j/word: waiting; inputs n empty\n  #2 /j/join: waiting; inputs words 20 values, separator empty\n",
            transcript, StringComparison.Ordinal);
        // Cut values keep the width asked for.
        var cut = new DebugRun(flow, "m width=8", "c", "p join", "q").ToEnd();
        Assert.Contains("    \"xxxx...\n", cut.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void At_the_end_an_input_left_empty_names_the_connections_that_should_have_filled_it()
    {
        // The bug: source's output has no part "/b", so sum's i2 never gets a value and nothing is printed.
        var flow = new DebugFlow();
        int source = flow.Add("/s/source", _ => JobOutcome.Ok(ValueJson.Parse("""{"a": 1, "c": 2}""")), inputs: [("start", Once(0L))]);
        int sum = flow.Add("/s/sum", _ => JobOutcome.Ok(0L), inputs: [("i1", null), ("i2", null)]);
        flow.Connect(source, sum, 0, pointer: "/a");
        flow.Connect(source, sum, 1, pointer: "/b");

        var run = new DebugRun(flow, "c", "q").ToEnd();

        Assert.Contains("  #1 /s/sum has 'i1' (1 value, first 1) but nothing on 'i2' (fed by #0 /s/source output '/b', nothing sent on it this run)\n",
            run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_the_invariants_holding_even_in_the_middle_of_a_retirement()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "b add/", "c", "v", "c", "v", "q").ToEnd();

        Assert.Equal(2, run.Transcript.Split('\n').Count(l => l == "Run state invariants: all hold (jobs outstanding, busy counts, refills owed, ready queue, blocks, flows)"));
    }

    [Fact]
    public void Modify_changes_the_run_parameters_and_jobs_resizes_and_restarts_the_speculation()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, speculation: true, "m jobs=1 order=random", "m jobs=x", "m speed=3", "m", "m jobs=5", "m jobs=0", "m jobs=9999", "m", "q").ToEnd();

        Assert.Equal(ReadyOrder.Random, run.State.Order);
        // jobs=N: the run's own job and N - 1 made ahead by the speculation (63 at most here); 0 = as many as allowed.
        Assert.Equal([0, 4, 63, 63], run.Windows);
        Assert.Contains("jobs set to 1\norder set to random\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Invalid value 'x' for 'jobs'", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Unknown parameter 'speed'", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("jobs=1 (the run's job and up to 0 run ahead; 0 = 64)  order=random  values=8  width=60\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("jobs set to 5\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("m jobs=0\njobs set to 64 (as many as this run allows)\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("m jobs=9999\njobs set to 64 (the most this run allows)\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("jobs=64 (the run's job and up to 63 run ahead; 0 = 64)", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_speculation_jobs_cannot_change()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "m jobs=4", "m", "q").ToEnd();

        Assert.Contains("m jobs=4\nThis run has no speculation: it runs one job at a time\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("jobs=1 (the run's job and up to 0 run ahead; 0 = 1)", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_commands_and_specs_are_explained_and_the_prompt_comes_back()
    {
        var (flow, _) = Fibonacci();

        var run = new DebugRun(flow, "jump", "b nosuch", "b add:i9", "b add/sum", "b print->nosuch", "s 0", "d add", "l", "q").ToEnd();

        string transcript = run.Transcript;
        Assert.Contains("Unknown command 'jump': 'h' lists the commands\n", transcript, StringComparison.Ordinal);
        Assert.Contains("No function is called 'nosuch' ('f' lists the functions)\n", transcript, StringComparison.Ordinal);
        Assert.Contains("#0 /fib/add has no input 'i9'; its inputs are i1, i2\n", transcript, StringComparison.Ordinal);
        Assert.Contains("#0 /fib/add sends nothing from 'sum'; it sends from '' (the whole output), i2 (an input passed on)\n", transcript, StringComparison.Ordinal);
        Assert.Contains("'s' takes a number of jobs of at least 1, not '0'\n", transcript, StringComparison.Ordinal);
        Assert.Contains("There is no breakpoint on function #0 /fib/add ('l' lists them)\n", transcript, StringComparison.Ordinal);
        Assert.Contains("Job #0> l\n  every job error\nJob #0> q\n", transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_while_the_flow_runs_breaks_at_the_next_event_and_a_second_one_is_left_to_end_flowr()
    {
        FlowDebuggerHolder holder = new();
        var flow = new DebugFlow();
        int counter = flow.Add("/c/counter", i =>
        {
            i[0].TryGetInt64(out long n);
            if (n == 5)
            {
                var first = new PosixSignalContext(PosixSignal.SIGINT);
                holder.Debugger!.OnInterrupt(first);
                holder.FirstCancelled = first.Cancel;
                var second = new PosixSignalContext(PosixSignal.SIGINT);
                holder.Debugger.OnInterrupt(second);
                holder.SecondCancelled = second.Cancel;
            }
            return n < 100 ? JobOutcome.Ok(n + 1) : JobOutcome.NoOutput();
        }, inputs: [("n", Once(0L))]);
        flow.Connect(counter, counter);
        var run = new DebugRun(flow, "c", "q");
        holder.Debugger = run.Debugger;

        run.ToEnd();

        Assert.True(holder.FirstCancelled);
        Assert.False(holder.SecondCancelled);
        Assert.Contains("Interrupted: breaking at the next event (Ctrl-C again ends flowr)\nJob #6 of #0 /c/counter finished: output 6\nJob #6> q\n",
            run.Transcript, StringComparison.Ordinal);
    }

    private sealed class FlowDebuggerHolder
    {
        public Flowr.Debugger.FlowDebugger? Debugger;
        public bool FirstCancelled, SecondCancelled;
    }
}
