// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Distributed.Tests.InProcess;
using Flowr.Distributed.Tests.Protocol;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// The native flowrex against a coordinator written here with the raw protocol (--coordinator), to send
/// what flowr never would: a module whose bytes do not match its hash, and a malformed module frame.
/// </summary>
public sealed class FlowrexModuleFrameTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Flowrex_checks_each_module_hash_refuses_a_tampered_one_and_survives_a_malformed_frame()
    {
        var good = WasmModule.FromText("identity.wat", TestFlows.WasmIdentity);
        // Same shape, other bytes: the module the coordinator claims to send in the tampered frame.
        var claimed = WasmModule.FromText("claimed.wat", TestFlows.WasmIdentity.Replace(",true]}", ",fals]}", StringComparison.Ordinal));
        byte[] tampered = [.. claimed.Binary];
        tampered[^1] ^= 1;

        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "1", "--coordinator", $"127.0.0.1:{port}"]);

        using (var first = Accept(listener))
        {
            using var buffer = new FrameBuffer();
            HandmadeModuleFrame.Write(buffer, good.Sha256, "test.wasm", good.Binary);
            HandmadeModuleFrame.Write(buffer, claimed.Sha256, "test.wasm", tampered);
            ControlMessages.WriteImplementation(buffer, 0, WasmModuleTransfer.UrlFor(good));
            ControlMessages.WriteImplementation(buffer, 1, WasmModuleTransfer.UrlFor(claimed));
            buffer.BeginFrame(MessageType.Jobs);
            var writer = new ProtocolWriter(buffer);
            JobCodec.WriteJob(ref writer, 1, 0, [Value.FromInt64(5)]);
            JobCodec.WriteJob(ref writer, 2, 1, [Value.FromInt64(6)]);
            buffer.EndFrame();
            first.Send(buffer.WrittenSpan);

            var results = first.WaitFor(2);
            Assert.Equal((false, "5"), (results[1].Refused, results[1].Outcome.Output.ToString()));
            Assert.True(results[2].Refused);
            Assert.Contains($"arrived with SHA-256 {WasmModule.HashOf(tampered)}, not the announced {claimed.Sha256}", results[2].Outcome.Error,
                StringComparison.Ordinal);

            buffer.Clear();
            HandmadeModuleFrame.Write(buffer, "not-a-hash", "test.wasm", good.Binary);
            first.Send(buffer.WrittenSpan);
            Assert.Contains("module hash is not 64 lower-case hex digits", first.WaitForClose(), StringComparison.Ordinal);
        }

        // flowrex is still there: it comes back for more work.
        using (var second = Accept(listener))
        {
            Assert.False(flowrex.HasExited);
        }
        // stderr is read asynchronously: wait for the line rather than look once.
        flowrex.WaitForStderr(l => l.StartsWith("WARN - Connection to flowr ended (protocol error: ", StringComparison.Ordinal)
            && l.Contains("module hash is not 64 lower-case hex digits", StringComparison.Ordinal), Limit);
        flowrex.Terminate();
        Assert.Equal(0, flowrex.WaitForExit(Limit));
    }

    private static RawCoordinator Accept(Socket listener)
    {
        // Accept itself has no timeout; bound the wait here.
        var coordinator = new RawCoordinator(listener.AcceptAsync().WaitAsync(Limit).GetAwaiter().GetResult());
        coordinator.Handshake();
        return coordinator;
    }

    /// <summary>One accepted executor connection: the coordinator's side of the protocol, by hand.</summary>
    private sealed class RawCoordinator(Socket socket) : IFrameHandler, IDisposable
    {
        private readonly FrameSocket _frames = new(socket);
        private readonly Dictionary<long, (bool Refused, JobOutcome Outcome)> _results = [];
        private bool _helloSeen;
        private string? _closeReason;

        public void Handshake()
        {
            while (!_helloSeen) Assert.True(_frames.ReceiveFrames(this, Limit), "flowrex closed before hello");
            InProcess.RawPeer.SendWelcome(_frames, "raw-run");
        }

        public void Send(ReadOnlySpan<byte> frames) => _frames.Send(frames);

        public Dictionary<long, (bool Refused, JobOutcome Outcome)> WaitFor(int results)
        {
            while (_results.Count < results) Assert.True(_frames.ReceiveFrames(this), "flowrex closed before answering");
            return _results;
        }

        /// <summary>The reason of the close frame flowrex sends before it drops the connection.</summary>
        public string WaitForClose()
        {
            while (_frames.ReceiveFrames(this))
            {
            }
            return _closeReason ?? "(no close frame)";
        }

        public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
        {
            switch (type)
            {
                case MessageType.Hello:
                    Assert.Equal(ProtocolConstants.Version, HelloMessage.Read(body).Version);
                    _helloSeen = true;
                    break;
                case MessageType.Results:
                    var reader = new ProtocolReader(body);
                    while (!reader.IsAtEnd)
                    {
                        long id = JobCodec.ReadResultId(ref reader);
                        var outcome = JobCodec.ReadOutcome(ref reader, out bool refused, out _);
                        _results[id] = (refused, outcome);
                    }
                    break;
                case MessageType.Close:
                    _closeReason = ControlMessages.ReadClose(body);
                    break;
            }
        }

        public void Dispose() => _frames.Dispose();
    }
}
