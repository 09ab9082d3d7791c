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
    private static (RunState State, int Add, int Sink) Fibonacci(int limit = 100) => (FibonacciFlow(limit).Build(Committed), 0, 1);

    /// <summary>The committed state the debugger observes: one job at a time.</summary>
    private static RunStateOptions Committed => new() { MaxInFlight = 1 };

    [Fact]
    public void Init_calls_RunStarted_once_everything_is_ready_before_the_first_job_and_zeroes_the_metrics()
    {
        var (state, add, _) = Fibonacci();
        Drive.ToEnd(state);
        Assert.True(state.Metrics.JobsCreated > 0);
        var observer = new Recorder(state);
        state.Observer = observer;

        state.Init();

        Assert.Equal(["started ready=[0] jobs=0", "created #1 f0 [0,1] running=1"], observer.Events);
        Assert.True(state.TryTakeJob(out var job));
        Assert.Equal(1, job.Id);
        Assert.Equal(add, job.FunctionId);
    }

    [Fact]
    public void A_job_is_seen_retiring_then_each_value_in_connection_order_then_the_next_job_created_before_it_runs()
    {
        var flow = new TestFlow();
        Recorder? observer = null;
        int add = flow.Add("add", i =>
        {
            i[0].TryGetInt64(out long a);
            i[1].TryGetInt64(out long b);
            return JobOutcome.Ok(a + b);
        }, inputs: [Input(init: Once(0L)), Input(init: Once(1L))]);
        int sink = flow.Add("sink", i => { observer!.Events.Add($"sink ran with {i[0]}"); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(add, add, 1);
        flow.Connect(add, sink);
        flow.ConnectInput(add, 1, add, 0);
        var state = flow.Build(Committed);
        observer = new Recorder(state);
        state.Observer = observer;

        Assert.True(Drive.Step(state, out _));

        // The context job runs inside Complete, at its turn: it is seen created (with its inputs) first.
        Assert.Equal([
            "retiring #1 f0 running=0",
            $"send f{add}/ -> f{add}:1 1",
            $"send f{add}/ -> f{sink}:0 1",
            $"send f{add}:1 -> f{add}:0 1",
            $"created #2 f{sink} [1] running=1",
            "sink ran with 1",
            $"retiring #2 f{sink} running=0",
            $"created #3 f{add} [1,1] running=1",
        ], observer.Events);
    }

    [Fact]
    public void A_failed_job_is_reported_after_its_error_and_sends_nothing()
    {
        var flow = new TestFlow();
        int bad = flow.Add("bad", _ => JobOutcome.Fail("no good"), inputs: [Input(init: Once(1L))]);
        int sink = flow.Add("sink", Swallow, inputs: [Input()]);
        flow.Connect(bad, sink);
        var state = flow.Build(Committed, init: false);
        var observer = new Recorder(state);
        state.Observer = observer;

        state.Init();
        Drive.ToEnd(state);

        Assert.Equal(["started ready=[0] jobs=0", "created #1 f0 [1] running=1", "retiring #1 f0 running=0", "failed #1 /test/bad: no good", "idle flow0 blocks=0"], observer.Events);
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
        var state = flow.Build(Committed);
        var observer = new Recorder(state);
        state.Observer = observer;

        Assert.True(Drive.Step(state, out _));   // feeder → sender
        Assert.True(Drive.Step(state, out _));   // sender → destination, in another flow: a block
        Assert.Contains($"block f{sender} by f{destination} io 0 blocks=1", observer.Events);
        Assert.True(Drive.Step(state, out _));   // feeder again; sender is now blocked
        Assert.True(Drive.Step(state, out var job));
        Assert.Equal(destination, job!.FunctionId);

        // Flow 1 went idle after the destination's job: the hook saw the block still there; after it, the block is gone.
        int retired = observer.Events.IndexOf($"retiring #4 f{destination} running=0");
        Assert.Equal(retired + 1, observer.Events.IndexOf("idle flow1 blocks=1"));
        Assert.Equal(0, state.BlockCount);
    }

    [Fact]
    public void A_speculative_state_takes_no_observer()
    {
        var speculative = new TestFlow();
        speculative.Add("one", Swallow, inputs: [Input(init: Once(1L))]);
        var state = speculative.Build(new RunStateOptions { Speculative = true }, init: false);

        Assert.Throws<InvalidOperationException>(() => state.Observer = new Recorder(state));
    }

    [Fact]
    public void The_invariant_check_reports_broken_bookkeeping_in_both_kinds_of_state()
    {
        var (state, _, _) = Fibonacci();
        Assert.Empty(state.CheckInvariants());
        Outstanding.SetValue(state, 3);

        Assert.Contains(state.CheckInvariants(), p => p.Contains("3 jobs outstanding but jobs #1…#1 are not retired", StringComparison.Ordinal));

        var (committed, _, _) = Fibonacci();
        var flow = FibonacciFlow();
        var speculation = flow.Build(new RunStateOptions { MaxInFlight = 8, Speculative = true }, init: false);
        speculation.SyncFrom(committed);
        Assert.Empty(speculation.CheckInvariants());
        Outstanding.SetValue(speculation, 5);

        Assert.Contains(speculation.CheckInvariants(), p => p.Contains("5 jobs outstanding but functions list 1", StringComparison.Ordinal));
    }

    private static readonly FieldInfo Outstanding = typeof(RunState).GetField("_outstanding", BindingFlags.NonPublic | BindingFlags.Instance)!;

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
        Assert.NotEmpty(CheckedWithoutNaming(state));
    }

    // At a send the retiring job still holds its busy entry: without naming its function the check says so.
    private static IReadOnlyList<string> CheckedWithoutNaming(RunState state)
    {
        IReadOnlyList<string> problems = [];
        state.Observer = new Recorder(state) { OnSend = () => problems = state.CheckInvariants() };
        state.Init();
        Drive.Step(state, out _);
        return problems;
    }

    [Theory]
    [InlineData(9)]    // a library job: never handed out
    [InlineData(10)]   // a context job: never run at its turn
    public void The_coordinator_stops_at_a_stop_request_before_that_job_runs_takes_back_every_job_and_runs_again_from_the_start(long stopAt)
    {
        var printed = new List<long>();
        var flow = new TestFlow();
        int counter = flow.Add("counter", i =>
        {
            i[0].TryGetInt64(out long n);
            return n < 1000 ? JobOutcome.Ok(n + 1) : JobOutcome.NoOutput();
        }, inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", i => { i[0].TryGetInt64(out long n); printed.Add(n); return JobOutcome.NoOutput(); }, context: true, inputs: [Input()]);
        flow.Connect(counter, counter);
        flow.Connect(counter, sink);
        var state = flow.Build(Committed, init: false);
        var observer = new Recorder(state) { StopAtJob = stopAt };
        state.Observer = observer;
        using var coordinator = new Coordination(flow, state);

        var first = coordinator.Run();

        // Counter jobs are odd, sink jobs even: jobs 1–8 ran, so the sink printed 1–4; the job stopped at never ran.
        Assert.Equal(stopAt, first.JobsCreated);
        Assert.Equal([1, 2, 3, 4], printed);
        Assert.DoesNotContain(observer.Events, e => e.StartsWith($"retiring #{stopAt} ", StringComparison.Ordinal));
        Assert.DoesNotContain("ended", observer.Events);
        Assert.Equal(0, coordinator.Coordinator.JobsOut);

        observer.StopAtJob = long.MaxValue;
        observer.Events.Clear();
        printed.Clear();
        var second = coordinator.Run();

        Assert.Equal($"started ready=[{counter}] jobs=0", observer.Events[0]);
        Assert.StartsWith($"created #1 f{counter} [0]", observer.Events[1], StringComparison.Ordinal);
        Assert.Equal("ended", observer.Events[^1]);
        Assert.Equal(2001, second.JobsCreated);
        Assert.Equal(Enumerable.Range(1, 1000).Select(n => (long)n), printed);
        Assert.Equal(0, coordinator.Coordinator.JobsOut);
    }

    [Fact]
    public async Task While_a_hook_does_not_return_no_job_is_created_or_retired()
    {
        var flow = new TestFlow();
        int source = flow.Add("source", _ => JobOutcome.Ok(Value.FromArray([.. Enumerable.Range(1, 50).Select(n => Value.FromInt64(n))])),
            inputs: [Input(init: Once(0L))]);
        int sink = flow.Add("sink", Swallow, inputs: [Input()]);
        flow.Connect(source, sink);
        var state = flow.Build(Committed, init: false);
        using var paused = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var observer = new Recorder(state) { OnCreated = job => { if (job.Id == 5) { paused.Set(); release.Wait(); } } };
        state.Observer = observer;
        using var coordinator = new Coordination(flow, state);

        var run = Task.Run(coordinator.Run);
        Assert.True(paused.Wait(TimeSpan.FromSeconds(30)));
        int events = observer.Count;
        Thread.Sleep(300);
        Assert.Equal(events, observer.Count);
        Assert.Equal(5, state.Metrics.JobsCreated);
        release.Set();

        var metrics = await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(51, metrics.JobsCreated);
    }

    /// <summary>fibonacci's flow (see <see cref="Fibonacci"/>).</summary>
    private static TestFlow FibonacciFlow(int limit = 100)
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
        return flow;
    }

    /// <summary>A coordinator as flowr runs one: the committed state, a speculation running ahead, two executor threads.</summary>
    private sealed class Coordination : IDisposable
    {
        private readonly ResultQueue _results = new(64);
        private readonly ExecutorThreads _library;

        public Coordination(TestFlow flow, RunState state)
        {
            _library = new ExecutorThreads("hook-executor", 2, 64, _results);
            var speculation = flow.Build(new RunStateOptions { MaxInFlight = 63, Speculative = true }, init: false);
            Coordinator = new FlowCoordinator(state, _results, _library, speculation);
        }

        public FlowCoordinator Coordinator { get; }

        public RunMetrics Run() => Coordinator.Run();

        public void Dispose()
        {
            _library.Dispose();
            _results.Dispose();
        }
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
