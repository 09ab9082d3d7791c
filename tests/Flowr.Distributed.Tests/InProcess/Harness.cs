// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>Runs a flow with a <see cref="JobService"/> and executor sessions on threads of this process, over loopback.</summary>
internal static class Harness
{
    public static Func<string, IFunctionImplementation?> StdLib { get; } =
        url => FlowStdLib.TryGetImplementation(url, out var implementation) ? implementation : null;

    /// <summary>Runs <paramref name="flow"/> to its end; <paramref name="whileRunning"/> starts executors against the service.</summary>
    public static RunMetrics Run(TestFlows flow, JobServiceOptions options, Action<JobService> whileRunning, int localThreads = 0, TimeSpan? limit = null)
    {
        var state = new RunState(flow.Manifest, flow.Implementations, new RunStateOptions());
        using var results = new ResultQueue(4096);
        using var service = new JobService(results, flow.Locations, localThreads, options with { ExecutorTimeout = limit ?? TimeSpan.FromSeconds(20) },
            flow.Implementations);
        whileRunning(service);
        try
        {
            return new FlowCoordinator(state, results, service).Run(service.Failed);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(service.FailureReason);
        }
    }

    /// <summary>Starts an executor session on a background thread; its result arrives in the returned task.</summary>
    public static Task<ExecutorSessionResult> StartExecutor(int port, ExecutorSessionOptions options, CancellationToken cancellation = default) =>
        Task.Factory.StartNew(() =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            return ExecutorSession.Run(socket, options, cancellation);
        }, cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public static ExecutorSessionOptions Executor(string name, int threads = 1, int? credit = null, string? key = null) =>
        new() { Name = name, Threads = threads, Credit = credit, Key = key is null ? null : Keys.Of(key), Resolve = StdLib };
}
