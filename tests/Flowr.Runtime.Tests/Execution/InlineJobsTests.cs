// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Tests.Coordinator;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Execution;

/// <summary>
/// Short flowstdlib jobs run on the coordinator thread (no hand-off to an executor thread and back), and
/// medium ones when they form a chain; medium ones ready side by side go to the executor threads; a long
/// one, or one of another library, never stays there; and the run prints what it prints without it.
/// </summary>
public class InlineJobsTests
{
    private sealed record Outcome(string Printed, long JobsCreated, long RunHere, int CoordinatorJobs, int ThreadJobs, bool ThreadsStarted, bool ResultsCame);

    /// <summary>Counts the library jobs that ran on the coordinator's thread and on others.</summary>
    private sealed class Where
    {
        public int Coordinator;
        public int Threads;
        public int CoordinatorThreadId;

        public void Ran()
        {
            if (Environment.CurrentManagedThreadId == CoordinatorThreadId) Interlocked.Increment(ref Coordinator);
            else Interlocked.Increment(ref Threads);
        }
    }

    private static Outcome Run(Func<Where, List<string>, TestFlow> build, bool runHere, bool asFlowstdlib = true, int threads = 2)
    {
        var where = new Where();
        var printed = new List<string>();
        var flow = build(where, printed);
        var committed = flow.Build(new RunStateOptions { MaxInFlight = 1 }, init: false, asFlowstdlib: asFlowstdlib);
        var speculation = flow.Build(new RunStateOptions { MaxInFlight = 255, Speculative = true }, init: false, asFlowstdlib: asFlowstdlib);
        using var results = new ResultQueue(256);
        using var library = new ExecutorThreads("inline-test", threads, 256, results);
        var run = Task.Factory.StartNew(() =>
        {
            where.CoordinatorThreadId = Environment.CurrentManagedThreadId;
            var coordinator = new FlowCoordinator(committed, results, library, speculation, runShortJobsHere: runHere);
            var metrics = coordinator.Run();
            return (metrics.JobsCreated, coordinator.JobsRunHere);
        }, TaskCreationOptions.LongRunning);
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "coordinator did not finish");
        return new Outcome(string.Join(' ', printed), run.Result.JobsCreated, run.Result.JobsRunHere, where.Coordinator, where.Threads, library.Started, results.Made);
    }

    private static long Number(Value value) => value.TryGetInt64(out long n) ? n : throw new InvalidOperationException($"{value} is not an integer");

    // A counter that loops on itself to 200, each number printed: every step waits for the one before.
    private static TestFlow Chain(Where where, List<string> printed, TimeSpan stepTime = default)
    {
        var flow = new TestFlow();
        int counter = flow.Add("counter", i =>
        {
            where.Ran();
            if (stepTime > TimeSpan.Zero) Thread.Sleep(stepTime);
            return Number(i[0]) < 200 ? JobOutcome.Ok(Number(i[0]) + 1) : JobOutcome.NoOutput(runAgain: false);
        }, inputs: [Input(init: Once(0L))]);
        int print = flow.Add("print", i => { printed.Add(Number(i[0]).ToString(System.Globalization.CultureInfo.InvariantCulture)); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(counter, counter);
        flow.Connect(counter, print);
        return flow;
    }

    private static void Busy(TimeSpan time)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
    }

    // A source of 2,000 numbers, each doubled by its own job (taking jobTime), all printed.
    private static TestFlow FanOut(Where where, List<string> printed, TimeSpan jobTime)
    {
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 2000).Select(n => Value.FromInt64(n))]), runAgain: false),
            inputs: [Input(init: Once(0L))]);
        int twice = flow.Add("twice", i =>
        {
            where.Ran();
            if (jobTime > TimeSpan.Zero) Busy(jobTime);
            return JobOutcome.Ok(2 * Number(i[0]));
        }, inputs: [Input()]);
        int print = flow.Add("print", i => { printed.Add(Number(i[0]).ToString(System.Globalization.CultureInfo.InvariantCulture)); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(source, twice);
        flow.Connect(twice, print);
        return flow;
    }

    [Fact]
    public void A_chain_of_short_library_jobs_runs_on_the_coordinator_thread_and_prints_the_same()
    {
        var reference = Run((w, p) => Chain(w, p), runHere: false);
        var inline = Run((w, p) => Chain(w, p), runHere: true);

        Assert.Equal(reference.Printed, inline.Printed);
        Assert.Equal(reference.JobsCreated, inline.JobsCreated);
        Assert.Equal(201, inline.CoordinatorJobs + inline.ThreadJobs);
        Assert.Equal(0, reference.CoordinatorJobs);
        // Only the speculation's jobs ran anywhere; each one here, none on an executor thread.
        Assert.Equal(0, inline.ThreadJobs);
        Assert.Equal(201, inline.RunHere);
        // No job ever went out, so the executor threads were never started nor their queues made.
        Assert.False(inline.ThreadsStarted);
        Assert.False(inline.ResultsCame);
        Assert.True(reference.ThreadsStarted);
        Assert.True(reference.ResultsCame);
    }

    [Fact]
    public void Medium_jobs_ready_side_by_side_go_to_the_executor_threads()
    {
        var medium = TimeSpan.FromMicroseconds(20);
        var reference = Run((w, p) => FanOut(w, p, medium), runHere: false);
        var inline = Run((w, p) => FanOut(w, p, medium), runHere: true);

        Assert.Equal(reference.Printed, inline.Printed);
        Assert.Equal(reference.JobsCreated, inline.JobsCreated);
        // The first two judge the function (here); the others go out beside each other.
        Assert.True(inline.ThreadJobs > 1900, $"{inline.ThreadJobs} of 2000 jobs ran on executor threads");
        Assert.True(inline.ThreadsStarted);
    }

    [Fact]
    public void Short_jobs_ready_side_by_side_run_on_the_coordinator_thread_and_print_the_same()
    {
        var reference = Run((w, p) => FanOut(w, p, TimeSpan.Zero), runHere: false);
        var inline = Run((w, p) => FanOut(w, p, TimeSpan.Zero), runHere: true);

        Assert.Equal(reference.Printed, inline.Printed);
        Assert.Equal(reference.JobsCreated, inline.JobsCreated);
        Assert.Equal(2000, inline.CoordinatorJobs);
        Assert.Equal(0, inline.ThreadJobs);
        Assert.False(inline.ThreadsStarted);
    }

    [Fact]
    public void A_function_whose_job_ran_long_goes_back_to_the_executor_threads()
    {
        var inline = Run((w, p) => Chain(w, p, stepTime: TimeSpan.FromMilliseconds(1)), runHere: true);

        Assert.Equal(string.Join(' ', Enumerable.Range(1, 200)), inline.Printed);
        // The first job is not judged (it may have paid for a cold start); two long ones in a row send it away.
        Assert.Equal(3, inline.CoordinatorJobs);
        Assert.Equal(3, inline.RunHere);
        Assert.Equal(198, inline.ThreadJobs);
    }

    [Fact]
    public void Functions_of_other_libraries_never_run_on_the_coordinator_thread()
    {
        var inline = Run((w, p) => Chain(w, p), runHere: true, asFlowstdlib: false);

        Assert.Equal(string.Join(' ', Enumerable.Range(1, 200)), inline.Printed);
        Assert.Equal(0, inline.CoordinatorJobs);
        Assert.Equal(0, inline.RunHere);
    }
}
