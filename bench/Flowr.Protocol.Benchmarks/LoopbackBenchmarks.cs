// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;

namespace Flowr.Protocol.Benchmarks;

/// <summary>
/// The coordinator with one native flowrex over loopback (issue 4 §6): a wide fan-out of tiny jobs
/// (per job), a chain of dependent jobs (per hop), and a 64-byte TCP ping-pong to a thread of this process
/// and to another process (per round trip), measured in the same run so the chain is a ratio to the floor.
/// Needs publish/linux-x64/flowrex (make publish) or $FLOWREX_BIN.
/// </summary>
[MinColumn, MaxColumn]
public class LoopbackBenchmarks
{
    private const int FanOutWidth = 100_000;
    private const int ChainLength = 5_000;
    private const int PingPongs = 5_000;

    private Process? _flowrex;
    private int _port;
    private BenchFlows? _flow;
    private ResultQueue? _results;
    private JobService? _service;
    private Socket? _threadClient;
    private Socket? _processClient;
    private Process? _echoProcess;
    private PresharedKey? _key;
    private const string Secret = "loopback benchmark secret";

    /// <summary>With a pre-shared key: both sides prove it, and every frame is sealed with ChaCha20-Poly1305.</summary>
    [Params(false, true)]
    public bool Keyed { get; set; }

    [GlobalSetup]
    public void StartFlowrex()
    {
        _port = FreePort();
        string root = typeof(LoopbackBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
        string binary = Environment.GetEnvironmentVariable("FLOWREX_BIN") ?? Path.Combine(root, "publish", "linux-x64", "flowrex");
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true };
        start.Environment.Remove(JobServiceOptions.KeyEnvironmentVariable);
        if (Keyed) start.Environment[JobServiceOptions.KeyEnvironmentVariable] = Secret;
        _key = Keyed ? PresharedKey.FromSecret(Secret, "the benchmark") : null;
        foreach (string a in (string[])["-v", "warn", "-t", "1", "--coordinator", $"127.0.0.1:{_port}"]) start.ArgumentList.Add(a);
        _flowrex = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {binary}");
        _flowrex.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"flowrex: {e.Data}"); };
        _flowrex.BeginErrorReadLine();
        _threadClient = EchoServer.StartThread();
        (_echoProcess, _processClient) = EchoServer.StartProcess();
    }

    [GlobalCleanup]
    public void StopFlowrex()
    {
        _flowrex?.Kill();
        _flowrex?.WaitForExit();
        _threadClient?.Dispose();
        _processClient?.Dispose();
        _echoProcess?.WaitForExit(5000);
    }

    [IterationSetup(Target = nameof(FanOut))]
    public void SetUpFanOut() => SetUp(BenchFlows.FanOut(FanOutWidth));

    [IterationSetup(Target = nameof(Chain))]
    public void SetUpChain() => SetUp(BenchFlows.Chain(ChainLength));

    [IterationCleanup(Targets = [nameof(FanOut), nameof(Chain)])]
    public void TearDown()
    {
        _service?.Dispose();
        _results?.Dispose();
    }

    /// <summary>Independent adds, all run by flowrex: time per job.</summary>
    [Benchmark(OperationsPerInvoke = FanOutWidth)]
    public long FanOut() => RunFlow();

    /// <summary>Adds each waiting for the previous one's sum: time per hop (one job there and back).</summary>
    [Benchmark(OperationsPerInvoke = ChainLength)]
    public long Chain() => RunFlow();

    /// <summary>64 bytes there and back over loopback TCP to a thread of this process: time per round trip.</summary>
    [Benchmark(OperationsPerInvoke = PingPongs)]
    public int PingPongThread() => PingPong(_threadClient!);

    /// <summary>64 bytes there and back over loopback TCP to another process, as the chain's hops are: time per round trip.</summary>
    [Benchmark(OperationsPerInvoke = PingPongs)]
    public int PingPongProcess() => PingPong(_processClient!);

    private static int PingPong(Socket client)
    {
        Span<byte> message = stackalloc byte[64];
        int total = 0;
        for (int i = 0; i < PingPongs; i++)
        {
            client.Send(message);
            int got = 0;
            while (got < 64) got += client.Receive(message[got..]);
            total += got;
        }
        return total;
    }

    private long RunFlow()
    {
        // As flowr runs a flow with -t 0: the committed run and a speculation 4,095 jobs ahead. The chain
        // is timed without predicted results, so that each hop is a real trip there and back.
        var state = new RunState(_flow!.Manifest, _flow.Implementations, new RunStateOptions { MaxInFlight = 1 });
        var speculation = new RunState(_flow.Manifest, _flow.Implementations, new RunStateOptions { MaxInFlight = 4095, Speculative = true });
        var metrics = new FlowCoordinator(state, _results!, _service!, speculation).Run(_service!.Failed);
        return metrics.JobsCreated;
    }

    private void SetUp(BenchFlows flow)
    {
        _flow = flow;
        _results = new ResultQueue(4096);
        _service = new JobService(_results, flow.Locations, 0, new JobServiceOptions { Port = _port, Key = _key });
        var wait = Stopwatch.StartNew();
        while (_service.ExecutorCount == 0)
        {
            if (wait.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("flowrex did not connect");
            Thread.Sleep(1);
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
