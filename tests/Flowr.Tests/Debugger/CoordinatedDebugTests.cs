// Copyright (c) flowr contributors. MIT licence.
using System.Text.RegularExpressions;
using Flowr.Debugger;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using static Flowr.Tests.Debugger.DebugFlow;

namespace Flowr.Tests.Debugger;

/// <summary>
/// The debugger on the coordinator as <c>flowr -d</c> runs it: the committed state observed, a speculation
/// running ahead on two executor threads. The user sees the one-job-at-a-time run whatever the speculation
/// does, and <c>modify jobs=N</c> resizes the speculation.
/// </summary>
public class CoordinatedDebugTests
{
    /// <summary>A flow under the debugger, driven by a real coordinator with a speculation beside the run.</summary>
    private sealed class CoordinatedRun : IDisposable
    {
        private readonly ResultQueue _results = new(64);
        private readonly ExecutorThreads _library;
        private readonly FlowCoordinator _coordinator;

        public CoordinatedRun(DebugFlow flow, int window, params string[] commands)
        {
            State = flow.Build();
            Speculation = flow.Build(speculative: true);
            Speculation.Window = window;
            _library = new ExecutorThreads("debug-executor", 2, 64, _results);
            _coordinator = new FlowCoordinator(State, _results, _library, Speculation);
            Console = new ScriptedConsole(commands);
            var view = new SpeculationView(Speculation, () => _coordinator.JobsOut, _coordinator.RequestSpeculationRestart);
            Debugger = new FlowDebugger(State, new FlowNames(flow.Functions), Console, context => context ? "coordinator thread" : "executor threads (2)", view);
        }

        public RunState State { get; }
        public RunState Speculation { get; }
        public ScriptedConsole Console { get; }
        public FlowDebugger Debugger { get; }
        public string Transcript => Console.Transcript;

        public CoordinatedRun ToEnd()
        {
            var run = Task.Run(() => DebugSession.RunUnder(Debugger, State, _coordinator, default));
            Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the debugged run did not end");
            Assert.Equal(0, _coordinator.JobsOut);
            return this;
        }

        public void Dispose()
        {
            _library.Dispose();
            _results.Dispose();
        }
    }

    [Theory]
    [InlineData("b print", "c", "c", "s 3", "c", "d *", "b add/", "c", "c", "d *", "c", "q")]
    [InlineData("b add", "c", "s", "s", "r", "d *", "c", "r", "s 5", "q")]
    [InlineData("s 7", "b print:default", "c", "c", "d *", "c", "r", "c", "q")]
    public void The_user_sees_the_same_run_as_without_a_speculation(params string[] commands)
    {
        var (alone, printedAlone) = Fibonacci(limit: 1_000_000);
        var expected = new DebugRun(alone, commands).ToEnd();
        var (flow, printed) = Fibonacci(limit: 1_000_000);

        using var run = new CoordinatedRun(flow, window: 63, commands).ToEnd();

        Assert.Equal(expected.Transcript, run.Transcript);
        Assert.Equal(printedAlone, printed);
        Assert.True(run.Speculation.Metrics.JobsCreated > 0, "the speculation made no job");
    }

    [Fact]
    public void Validate_checks_the_run_state_and_the_speculation_at_every_kind_of_break()
    {
        var (flow, _) = Fibonacci(limit: 1_000_000);

        using var run = new CoordinatedRun(flow, window: 63, "v", "b print", "b add/", "c", "v", "c", "v", "c", "v", "q").ToEnd();

        var lines = run.Transcript.Split('\n');
        Assert.Equal(4, lines.Count(l => l == "Run state invariants: all hold (jobs outstanding, busy counts, refills owed, ready queue, blocks, flows)"));
        Assert.Equal(4, lines.Count(l => l == "Speculation invariants: all hold (jobs outstanding, busy counts, refills owed, ready queue, blocks, flows)"));
    }

    [Fact]
    public void Print_shows_the_next_job_and_what_the_speculation_has_made_and_out()
    {
        var (flow, _) = Fibonacci(limit: 1_000_000);

        using var run = new CoordinatedRun(flow, window: 63, "b print", "c", "c", "p", "p print", "q").ToEnd();

        Assert.Contains("Jobs in flight:\n  Job #4 of #1 /fib/print next, to run on the coordinator thread\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("  jobs in flight:\n    Job #4 next, to run on the coordinator thread\n", run.Transcript, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\nRun ahead: up to 63 job\(s\) made by the speculation, whose results the run takes when it makes the same jobs; \d+ made and not yet taken, \d+ out on the executor threads \(2\)\n"),
            run.Transcript);
    }

    /// <summary>What fibonacci prints: each sum up to <paramref name="limit"/>.</summary>
    private static List<long> Sums(long limit)
    {
        var sums = new List<long>();
        for (long a = 0, b = 1; a + b <= limit; (a, b) = (b, a + b)) sums.Add(a + b);
        return sums;
    }

    [Fact]
    public void Modify_jobs_1_runs_one_job_at_a_time_with_nothing_made_ahead()
    {
        var (flow, printed) = Fibonacci(limit: 1_000_000);

        using var run = new CoordinatedRun(flow, window: 63, "m jobs=1", "c", "p", "q").ToEnd();

        Assert.Equal(0, run.Speculation.Metrics.JobsCreated);
        Assert.Equal(Sums(1_000_000), printed);
        Assert.Contains("jobs set to 1\n", run.Transcript, StringComparison.Ordinal);
        Assert.Contains("Run ahead: nothing (one job at a time)\n", run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public void Modify_jobs_widens_the_speculation_from_the_next_job()
    {
        var (flow, printed) = Fibonacci(limit: 1_000_000);

        // As flowr -d -j 1: nothing made ahead until the user asks for more jobs at the break.
        using var run = new CoordinatedRun(flow, window: 0, "b print", "c", "c", "d *", "m jobs=8", "c", "q").ToEnd();

        Assert.True(run.Speculation.Metrics.JobsCreated > 0, "the speculation made no job after modify jobs=8");
        Assert.True(run.Speculation.Metrics.MaxJobsInParallel <= 7, $"{run.Speculation.Metrics.MaxJobsInParallel} jobs made ahead at once");
        Assert.Equal(Sums(1_000_000), printed);
    }
}
