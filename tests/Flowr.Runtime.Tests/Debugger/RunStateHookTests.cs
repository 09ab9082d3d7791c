// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using Flowr.Runtime.Tests.Coordinator;
using Flowr.Runtime.Values;
using static Flowr.Runtime.Tests.Coordinator.TestFlow;

namespace Flowr.Runtime.Tests.Debugger;

/// <summary>
/// The run state's hook points (what a debugger observes) fire at the rules they name, with the state
/// as the rule leaves it; the coordinator honours a stop request and calls RunEnded only at a natural end.
/// </summary>
public class RunStateHookTests
{
    private static JobOutcome Swallow(Value[] i) => JobOutcome.NoOutput();

    /// <summary>fibonacci's shape: add(i1, i2) → add:i2 and sink; add's old i2 → add:i1.</summary>
    private static (RunState State, int Add, int Sink) Fibonacci(int limit = 100)
    {
        var flow = new TestFlow();
        int add = flow.Add("add", i =>
        {
            i[0].TryGetInt64(out long a);
            i[1].TryGetInt64(out long b);
            return a + b > limit ? JobOutcome.NoOutput() : JobOutcome.Ok(a + b);
        }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
        int sink = flow.Add("sink", Swallow, context: true, inputs: [Input()]);
        flow.Connect(add, add, 1);
        flow.Connect(add, sink);
        flow.ConnectInput(add, 1, add, 0);
        return (flow.Build(), add, sink);
    }

    [Fact]
    public void Init_calls_RunStarted_once_everything_is_ready_and_zeroes_the_metrics()
    {
        var (state, add, _) = Fibonacci();
        Drive.ToEnd(state);
        Assert.True(state.Metrics.JobsCreated > 0);
        var observer = new Recorder(state);
        state.Observer = observer;

        state.Init();

        Assert.Equal(["started ready=[0] jobs=0"], observer.Events);
        Assert.True(state.TryCreateJob(out var job));
        Assert.Equal(1, job.Id);
        Assert.Equal(add, job.FunctionId);
    }

    [Fact]
    public void A_job_is_seen_created_with_its_inputs_then_retiring_then_each_value_in_connection_order()
    {
        var (state, add, sink) = Fibonacci();
        var observer = new Recorder(state);
        state.Observer = observer;

        Assert.True(Drive.Step(state, out _));

        Assert.Equal([
            "created #1 f0 [0,1] running=1",
            "retiring #1 f0 running=0",
            $"send f{add}/ -> f{add}:1 1",
            $"send f{add}/ -> f{sink}:0 1",
            $"send f{add}:1 -> f{add}:0 1",
        ], observer.Events);
    }

    [Fact]
    public void A_failed_job_is_reported_after_its_error_and_sends_nothing()
    {
        var flow = new TestFlow();
        int bad = flow.Add("bad", _ => JobOutcome.Fail("no good"), inputs: [Input(init: Once(1L))]);
        int sink = flow.Add("sink", Swallow, inputs: [Input()]);
        flow.Connect(bad, sink);
        var state = flow.Build();
        var observer = new Recorder(state);
        state.Observer = observer;

        Drive.ToEnd(state);

        Assert.Equal(["created #1 f0 [1] running=1", "retiring #1 f0 running=0", "failed #1 /test/bad: no good", "idle flow0 blocks=0"], observer.Events);
    }

    [Fact]
    public void A_block_is_seen_once_made_and_the_idle_flow_before_it_releases_its_blocks()
    {
        var flow = new TestFlow();
        int feeder = flow.Add("feeder", _ => JobOutcome.Ok(1L), flow: 0, inputs: [Input(init: Always(0L))]);
        int sender = flow.Add("sender", i => JobOutcome.Ok(i[0]), flow: 0, inputs: [Input()]);
        int destination = flow.Add("destination", Swallow, flow: 1, inputs: [Input()]);
        flow.Connect(feeder, sender);
        flow.Connect(sender, destination);
        var state = flow.Build();
        var observer = new Recorder(state);
        state.Observer = observer;

        Assert.True(Drive.Step(state, out _));   // feeder → sender
        Assert.True(Drive.Step(state, out _));   // sender → destination, in another flow: a block
        Assert.Contains($"block f{sender} by f{destination} io 0 blocks=1", observer.Events);
        Assert.True(Drive.Step(state, out _));   // feeder again; sender is now blocked
        Assert.True(Drive.Step(state, out var job));
        Assert.Equal(destination, job!.FunctionId);

        // Flow 1 went idle: the hook saw the block still there; after it, the block is gone.
        Assert.Equal("idle flow1 blocks=1", observer.Events[^1]);
        Assert.Equal(0, state.BlockCount);
    }

    [Fact]
    public void The_invariant_check_reports_broken_bookkeeping()
    {
        var (state, _, _) = Fibonacci();
        Assert.Empty(state.CheckInvariants());
        typeof(RunState).GetField("_running", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(state, 3);

        Assert.Contains(state.CheckInvariants(), p => p.Contains("3 jobs counted as running but functions have 0", StringComparison.Ordinal));
    }

    [Fact]
    public void During_a_retirement_the_invariants_hold_once_the_retiring_function_is_named()
    {
        var (state, add, _) = Fibonacci();
        var seen = new List<IReadOnlyList<string>>();
        var observer = new Recorder(state) { OnSend = () => seen.Add(state.CheckInvariants(add)) };
        state.Observer = observer;

        Drive.ToEnd(state);

        Assert.NotEmpty(seen);
        Assert.All(seen, Assert.Empty);
        Assert.NotEmpty(CheckedWithoutNaming(state, add));
    }

    // At a send the retiring job still holds its busy entry: without naming its function the check says so.
    private static IReadOnlyList<string> CheckedWithoutNaming(RunState state, int add)
    {
        IReadOnlyList<string> problems = [];
        state.Observer = new Recorder(state) { OnSend = () => problems = state.CheckInvariants() };
        state.Init();
        Drive.Step(state, out _);
        return problems;
    }

    [Fact]
    public void The_coordinator_stops_at_a_stop_request_without_dispatching_that_job_and_runs_again_from_the_start()
    {
        int executed = 0;
        var flow = new TestFlow();
        int counter = flow.Add("counter", i =>
        {
            Interlocked.Increment(ref executed);
            i[0].TryGetInt64(out long n);
            return n < 1000 ? JobOutcome.Ok(n + 1) : JobOutcome.NoOutput();
        }, inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", _ => { Interlocked.Increment(ref executed); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(counter, counter);
        flow.Connect(counter, sink);
        var state = flow.Build();
        var observer = new Recorder(state) { StopAtJob = 10 };
        state.Observer = observer;

        var first = Coordinate(state);

        // Jobs 1–9 ran; job 10 was created but never dispatched, and the run did not "end".
        Assert.Equal(10, first.JobsCreated);
        Assert.Equal(9, executed);
        Assert.DoesNotContain("ended", observer.Events);

        observer.StopAtJob = long.MaxValue;
        observer.Events.Clear();
        var second = Coordinate(state);

        Assert.Equal($"started ready=[{counter}] jobs=0", observer.Events[0]);
        Assert.StartsWith($"created #1 f{counter} [0]", observer.Events[1], StringComparison.Ordinal);
        Assert.Equal("ended", observer.Events[^1]);
        Assert.Equal(2001, second.JobsCreated);
        Assert.Equal(9 + 2001, executed);
    }

    [Fact]
    public async Task While_a_hook_does_not_return_no_job_is_created_or_retired()
    {
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 50).Select(n => Value.FromInt64(n))])),
            inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Swallow, inputs: [Input()]);
        flow.Connect(source, sink);
        var state = flow.Build();
        using var paused = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var observer = new Recorder(state) { OnCreated = job => { if (job.Id == 5) { paused.Set(); release.Wait(); } } };
        state.Observer = observer;

        var run = Task.Run(() => Coordinate(state));
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)));
        int events = observer.Count;
        Thread.Sleep(300);
        Assert.Equal(events, observer.Count);
        Assert.Equal(5, state.Metrics.JobsCreated);
        release.Set();

        var metrics = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(51, metrics.JobsCreated);
    }

    private static RunMetrics Coordinate(RunState state)
    {
        using var results = new ResultQueue(64);
        using var context = new ExecutorThreads("hook-context", 1, 64, results);
        using var library = new ExecutorThreads("hook-executor", 2, 64, results);
        return new FlowCoordinator(state, results, context, library, 64).Run();
    }

    /// <summary>Records every hook as a line; can stop the run at a job, or call back.</summary>
    private sealed class Recorder(RunState state) : IRunStateObserver
    {
        private readonly Lock _gate = new();
        public List<string> Events { get; } = [];
        public long StopAtJob { get; set; } = long.MaxValue;
        public Action? OnSend { get; init; }
        public Action<Job>? OnCreated { get; init; }
        public bool StopRequested { get; private set; }
        public int Count
        {
            get
            {
                lock (_gate) return Events.Count;
            }
        }

        public void RunStarted()
        {
            StopRequested = false;
            Add($"started ready=[{string.Join(',', state.ReadyFunctions)}] jobs={state.Metrics.JobsCreated}");
        }

        public void JobCreated(Job job)
        {
            Add($"created #{job.Id} f{job.FunctionId} [{string.Join(',', job.Inputs)}] running={state.RunningJobs}");
            if (job.Id >= StopAtJob) StopRequested = true;
            OnCreated?.Invoke(job);
        }

        public void JobRetiring(Job job) => Add($"retiring #{job.Id} f{job.FunctionId} running={state.RunningJobs}");

        public void JobFailed(Job job) => Add($"failed #{job.Id} {job.Outcome.Error}");

        public void ValueSending(int sourceId, OutputConnection connection, in Value value)
        {
            string from = connection.Source.Kind == ConnectionSourceKind.Input ? $":{connection.Source.InputIndex}" : "/" + connection.Source.Pointer;
            Add($"send f{sourceId}{from} -> f{connection.DestinationId}:{connection.DestinationIo} {value}");
            OnSend?.Invoke();
        }

        public void BlockMade(int blockedId, int blockingId, int inputIndex) =>
            Add($"block f{blockedId} by f{blockingId} io {inputIndex} blocks={state.BlockCount}");

        public void FlowUnblocking(int flowId) => Add($"idle flow{flowId} blocks={state.BlockCount}");

        public void RunEnded() => Add("ended");

        private void Add(string line)
        {
            lock (_gate) Events.Add(line);
        }
    }
}
