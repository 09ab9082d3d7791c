// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.InProcess;

public sealed class JobServiceTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_remote_executor_runs_a_wide_fan_out()
    {
        var flow = TestFlows.FanOut(3000);
        Task<ExecutorSessionResult>? executor = null;
        var metrics = Harness.Run(flow, new JobServiceOptions(), service => executor = Harness.StartExecutor(service.Port, Harness.Executor("a", threads: 2)));

        Assert.Equal(Enumerable.Range(1000, 3000).Select(i => (long)i), flow.Collected.Values.Order());
        var result = executor!.Wait(Limit) ? executor.Result : throw new TimeoutException();
        Assert.Equal(SessionEnd.Done, result.End);
        Assert.Equal(3000, result.JobsRun);
        Assert.Equal(6000, metrics.JobsCreated);
    }

    [Fact]
    public void A_remote_executor_runs_a_dependent_chain_in_order()
    {
        var flow = TestFlows.Chain(300);
        Harness.Run(flow, new JobServiceOptions(), service => Harness.StartExecutor(service.Port, Harness.Executor("a")));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), flow.Collected.Values);
    }

    [Fact]
    public void Two_executors_with_small_credit_share_the_jobs()
    {
        var flow = TestFlows.FanOut(4000);
        var executors = new List<Task<ExecutorSessionResult>>();
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            executors.Add(Harness.StartExecutor(service.Port, Harness.Executor("a", credit: 16)));
            executors.Add(Harness.StartExecutor(service.Port, Harness.Executor("b", credit: 16)));
        });

        Assert.Equal(4000, flow.Collected.Values.Count);
        Assert.True(Task.WaitAll([.. executors], Limit));
        Assert.All(executors, e => Assert.True(e.Result.JobsRun > 0, "an executor got no job"));
        Assert.Equal(4000, executors.Sum(e => e.Result.JobsRun));
    }

    [Fact]
    public void Local_threads_and_a_remote_executor_share_one_pending_queue()
    {
        var flow = TestFlows.FanOut(2000);
        Harness.Run(flow, new JobServiceOptions(), service => Harness.StartExecutor(service.Port, Harness.Executor("a")), localThreads: 1);
        Assert.Equal(Enumerable.Range(1000, 2000).Select(i => (long)i), flow.Collected.Values.Order());
    }

    [Fact]
    public void Jobs_of_an_executor_that_drops_run_on_another_and_each_result_is_used_once()
    {
        var flow = TestFlows.FanOut(2000);
        using var stopSlow = new CancellationTokenSource();
        int slowJobs = 0;
        var slow = Harness.Executor("slow", credit: 64) with
        {
            Resolve = url => new Slow(Harness.StdLib(url)!, () =>
            {
                if (Interlocked.Increment(ref slowJobs) == 20) stopSlow.Cancel();
            }),
        };
        Task<ExecutorSessionResult>? slowTask = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            slowTask = Harness.StartExecutor(service.Port, slow, stopSlow.Token);
            Assert.True(SpinWait.SpinUntil(() => service.ExecutorCount == 1, Limit));
            Harness.StartExecutor(service.Port, Harness.Executor("fast"));
        });

        Assert.Equal(Enumerable.Range(1000, 2000).Select(i => (long)i), flow.Collected.Values.Order());
        Assert.True(slowTask!.Wait(Limit));
        Assert.Equal(SessionEnd.Cancelled, slowTask.Result.End);
    }

    [Fact]
    public void Jobs_of_implementations_an_executor_does_not_know_are_refused_and_run_in_flowr()
    {
        var flow = TestFlows.FanOut(50);
        Task<ExecutorSessionResult>? executor = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
            executor = Harness.StartExecutor(service.Port, Harness.Executor("empty") with { Resolve = _ => null }));

        Assert.Equal(Enumerable.Range(1000, 50).Select(i => (long)i), flow.Collected.Values.Order());
        Assert.True(executor!.Wait(Limit));
        Assert.Equal(0, executor.Result.JobsRun);
    }

    [Fact]
    public void With_no_executor_the_run_fails_after_the_timeout()
    {
        var flow = TestFlows.FanOut(10);
        var error = Assert.Throws<TimeoutException>(() => Harness.Run(flow, new JobServiceOptions(), _ => { }, limit: TimeSpan.FromSeconds(1)));
        Assert.Contains("no executor joined within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_frames_close_only_their_connection()
    {
        var flow = TestFlows.FanOut(500);
        var replies = new List<byte[]>();
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            replies.Add(SendRaw(service.Port, [0xFF, 0xFF, 0xFF, 0x7F, 1]));
            replies.Add(SendRaw(service.Port, [1, 0, 0, 0, 99]));
            replies.Add(SendRaw(service.Port, [3, 0, 0, 0, 1, 1, 0]));
            Harness.StartExecutor(service.Port, Harness.Executor("good"));
        });

        Assert.Equal(500, flow.Collected.Values.Count);
        Assert.All(replies, reply => Assert.Equal((byte)10, reply[4]));
    }

    [Fact]
    public void A_pre_shared_key_keeps_out_executors_that_do_not_know_it()
    {
        var flow = TestFlows.FanOut(100);
        Task<ExecutorSessionResult>? wrong = null, right = null;
        Harness.Run(flow, new JobServiceOptions { Key = Keys.Of("open sesame, please") }, service =>
        {
            wrong = Harness.StartExecutor(service.Port, Harness.Executor("wrong", key: "close sesame, please"));
            Assert.True(wrong.Wait(Limit));
            right = Harness.StartExecutor(service.Port, Harness.Executor("right", key: "open sesame, please"));
        });

        Assert.Equal(SessionEnd.Dropped, wrong!.Result.End);
        Assert.Equal(0, wrong.Result.JobsRun);
        Assert.True(right!.Wait(Limit));
        Assert.Equal(100, right.Result.JobsRun);
    }

    /// <summary>Sends raw bytes to the job port and returns what comes back before the service closes the connection.</summary>
    private static byte[] SendRaw(int port, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        socket.ReceiveTimeout = 10_000;
        socket.Send(bytes);
        var received = new List<byte>();
        var buffer = new byte[1024];
        int n;
        while ((n = socket.Receive(buffer)) > 0) received.AddRange(buffer.AsSpan(0, n).ToArray());
        return [.. received];
    }

    private sealed class Slow(IFunctionImplementation inner, Action onRun) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs)
        {
            onRun();
            Thread.Sleep(5);
            return inner.Run(inputs);
        }
    }
}
