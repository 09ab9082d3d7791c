// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>Provided (WebAssembly) functions travel to executors as modules, or run in flowr when refused (issue 6, item 3).</summary>
public sealed class ModuleShippingTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static IEnumerable<long> Expected(int width, int adds) =>
        Enumerable.Range(2000, width).Concat(Enumerable.Range(1000, adds)).Select(i => (long)i).Order();

    [Fact]
    public void An_executor_session_runs_provided_functions_it_receives_as_modules()
    {
        var flow = TestFlows.ProvidedFanOut(width: 200, adds: 100);
        Task<ExecutorSessionResult>? executor = null;
        Harness.Run(flow, new JobServiceOptions(), service => executor = Harness.StartExecutor(service.Port, Harness.Executor("a", threads: 2)));

        Assert.Equal(Expected(200, 100), flow.Collected.Values.Order());
        var result = executor!.Wait(Limit) ? executor.Result : throw new TimeoutException();
        Assert.Equal(SessionEnd.Done, result.End);
        Assert.Equal(300, result.JobsRun);
    }

    [Fact]
    public void Jobs_an_executor_refuses_run_in_flowr_and_the_others_still_go_to_it()
    {
        var flow = TestFlows.ProvidedFanOut(width: 200, adds: 100);
        Task<ExecutorSessionResult>? executor = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
            executor = Harness.StartExecutor(service.Port, Harness.Executor("no-wasm", threads: 2) with { RunWasm = false }));

        Assert.Equal(Expected(200, 100), flow.Collected.Values.Order());
        var result = executor!.Wait(Limit) ? executor.Result : throw new TimeoutException();
        Assert.Equal(SessionEnd.Done, result.End);
        Assert.Equal(100, result.JobsRun);
    }

    [Fact]
    public void The_module_travels_once_per_connection_before_its_implementation_with_flowrs_limits()
    {
        var flow = TestFlows.ProvidedFanOut(width: 20, adds: 0);
        RawExecutor? raw = null;
        Task? task = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: false);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
        });

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(20, 0), flow.Collected.Values.Order());
        // Credit 1: twenty jobs, twenty batches, one module.
        Assert.Equal(20, raw!.JobsReceived);
        Assert.Equal(["module", "implementation wasm://sha256/" + WasmModule.HashOf(((WasmFunction)flow.Implementations[0]).Module.Binary)],
            raw.Announcements);
        Assert.Equal(WasmOptions.DefaultResultCap, raw.Limits!.ResultCap);
    }

    [Fact]
    public void After_a_refusal_no_job_of_that_function_is_sent_to_that_executor_again()
    {
        var flow = TestFlows.ProvidedFanOut(width: 20, adds: 0);
        RawExecutor? raw = null;
        Task? task = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: true);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
        });

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(20, 0), flow.Collected.Values.Order());
        Assert.Equal(1, raw!.JobsReceived);
    }

    [Fact]
    public void Modules_travel_as_the_executor_joins_and_a_ping_follows_them_before_any_job()
    {
        var flow = TestFlows.ProvidedFanOut(width: 20, adds: 0);
        RawExecutor? raw = null;
        Task? task = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: false);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
        });

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(20, 0), flow.Collected.Values.Order());
        string implementation = "implementation wasm://sha256/" + WasmModule.HashOf(((WasmFunction)flow.Implementations[0]).Module.Binary);
        // The module goes first, compiled on arrival, and the ping after it: no job overtakes them.
        Assert.Equal(["module", implementation, "ping"], raw!.Sequence.Take(3));
        Assert.True(raw.Sequence.IndexOf("jobs") > 2);
    }

    [Fact]
    public void Beside_local_threads_an_executor_that_never_answers_the_ping_after_the_modules_gets_no_job()
    {
        var flow = TestFlows.ProvidedFanOut(width: 200, adds: 50);
        RawExecutor? raw = null;
        Task? task = null;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: false, answerPings: false);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
            var joined = System.Diagnostics.Stopwatch.StartNew();
            while (service.ExecutorCount == 0 && joined.Elapsed < Limit) Thread.Sleep(1);
        }, localThreads: 1);

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(200, 50), flow.Collected.Values.Order());
        Assert.Contains("module", raw!.Sequence);
        Assert.Equal(0, raw.JobsReceived);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_executor_is_warm_once_it_answered_the_ping_after_the_modules(bool answersPings)
    {
        var flow = TestFlows.ProvidedFanOut(width: 20, adds: 0);
        RawExecutor? raw = null;
        Task? task = null;
        bool warm = false;
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: false, answerPings: answersPings);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
            var joined = System.Diagnostics.Stopwatch.StartNew();
            while (service.ExecutorCount == 0 && joined.Elapsed < Limit) Thread.Sleep(1);
            // What `flowr --wait-executors N` waits for before it starts the flow.
            warm = service.WaitUntilWarm(1, TimeSpan.FromMilliseconds(answersPings ? Limit.TotalMilliseconds : 300));
        });

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(20, 0), flow.Collected.Values.Order());
        Assert.Equal(answersPings, warm);
    }

    [Fact]
    public void An_executor_on_this_machine_gets_no_job_when_flowrs_threads_use_every_processor()
    {
        var flow = TestFlows.ProvidedFanOut(width: 200, adds: 50);
        RawExecutor? raw = null;
        Task? task = null;
        IReadOnlyList<ExecutorReport> reports = [];
        Harness.Run(flow, new JobServiceOptions(), service =>
        {
            raw = new RawExecutor(refuse: false);
            task = Task.Factory.StartNew(() => raw.Run(service.Port), TaskCreationOptions.LongRunning);
            var joined = System.Diagnostics.Stopwatch.StartNew();
            while (service.ExecutorCount == 0 && joined.Elapsed < Limit) Thread.Sleep(1);
            // Ready, so only the machine's processors can keep jobs from it.
            Assert.True(service.WaitUntilWarm(1, Limit));
            reports = service.ExecutorReports();
        }, localThreads: MachineProcessors.Count);

        Assert.True(task!.Wait(Limit));
        Assert.Equal(Expected(200, 50), flow.Collected.Values.Order());
        Assert.Equal(0, raw!.JobsReceived);
        Assert.Contains(reports, r => r.Where.Contains("on this machine, whose processors flowr's threads already use", StringComparison.Ordinal));
    }

    /// <summary>Credit 1; records what it is sent; runs jobs with a module store, or refuses them all.</summary>
    private sealed class RawExecutor(bool refuse, bool answerPings = true) : IFrameHandler
    {
        private readonly WasmModuleStore _store = new();
        private readonly Dictionary<int, IFunctionImplementation?> _implementations = [];
        private readonly FrameBuffer _buffer = new();
        private FrameSocket? _frames;
        private bool _done;

        public List<string> Announcements { get; } = [];
        /// <summary>Every frame after the welcome, by kind: module, implementation URL, ping, jobs.</summary>
        public List<string> Sequence { get; } = [];
        public int JobsReceived { get; private set; }
        public WasmOptions? Limits { get; private set; }

        public void Run(int port)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
            using var frames = _frames = new FrameSocket(socket);
            RawPeer.SendHello(frames, "raw", credit: 1);
            while (!_done && frames.ReceiveFrames(this))
            {
            }
            _buffer.Dispose();
        }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            switch (type)
            {
                case MessageType.Welcome:
                    RawPeer.HandshakeOver(_frames!);
                    break;
                case MessageType.Done:
                    _done = true;
                    break;
                case MessageType.Ping:
                    Sequence.Add("ping");
                    if (answerPings)
                    {
                        using (var pong = new FrameBuffer(64))
                        {
                            ControlMessages.WritePing(pong, MessageType.Pong, ControlMessages.ReadPing(body));
                            _frames!.Send(pong.WrittenSpan);
                        }
                    }
                    break;
                case MessageType.Module:
                    Sequence.Add("module");
                    Announcements.Add("module");
                    Limits = WasmModuleTransfer.ReadModule(body).Limits;
                    _store.Accept(body);
                    break;
                case MessageType.Implementation:
                    var (id, url) = ControlMessages.ReadImplementation(body);
                    Announcements.Add($"implementation {url}");
                    Sequence.Add($"implementation {url}");
                    _implementations[id] = _store.Resolve(url);
                    break;
                case MessageType.Jobs:
                    Sequence.Add("jobs");
                    RunJobs(body);
                    break;
            }
        }

        private void RunJobs(ReadOnlySpan<byte> body)
        {
            var reader = new ProtocolReader(body);
            _buffer.Clear();
            _buffer.BeginFrame(MessageType.Results);
            var writer = new ProtocolWriter(_buffer);
            while (!reader.IsAtEnd)
            {
                JobCodec.ReadJobHeader(ref reader, out long id, out int implementation, out int count);
                var inputs = new Value[count];
                for (int i = 0; i < count; i++) inputs[i] = ValueCodec.Read(ref reader);
                JobsReceived++;
                if (refuse) JobCodec.WriteRefusal(ref writer, id, "refused by the test");
                else JobCodec.WriteResult(ref writer, id, _implementations[implementation]!.Run(inputs), 0);
            }
            _buffer.EndFrame();
            _frames!.Send(_buffer.WrittenSpan);
        }
    }
}
