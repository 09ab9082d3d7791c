// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// A coordinator written with the raw job protocol, listening on loopback for a native flowrex started
/// with <c>--coordinator</c>: it sends what flowr never would (limits out of reason, a connection
/// closed in the middle of a job). One connection at a time.
/// </summary>
internal sealed class FakeCoordinator : IFrameHandler, IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Dictionary<long, JobOutcome> _results = [];
    private readonly TimeSpan _limit;
    private FrameSocket? _connection;
    private bool _helloSeen;

    public FakeCoordinator(TimeSpan limit)
    {
        _limit = limit;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
    }

    /// <summary>What flowrex's --coordinator needs.</summary>
    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    /// <summary>Waits for flowrex to connect, reads its hello and welcomes it (no key).</summary>
    public void AcceptAndWelcome()
    {
        _connection?.Dispose();
        _results.Clear();
        _helloSeen = false;
        var socket = _listener.AcceptAsync().WaitAsync(_limit).GetAwaiter().GetResult();
        _connection = new FrameSocket(socket);
        while (!_helloSeen) Assert.True(_connection.ReceiveFrames(this, _limit), "flowrex closed before hello");
        InProcess.RawPeer.SendWelcome(_connection, "fake-run");
    }

    /// <summary>Sends a module with the limits given (not checked here: the point is to ask for too much) and announces it as implementation <paramref name="id"/>.</summary>
    public void SendModule(int id, WasmModule module, ulong timeoutMs, ulong memoryKiB)
    {
        using var buffer = new FrameBuffer();
        buffer.BeginFrame(MessageType.Module);
        var writer = new ProtocolWriter(buffer);
        writer.WriteString(module.Sha256);
        writer.WriteString(module.Name);
        writer.WriteVarUInt((ulong)module.Binary.Length);
        writer.WriteBytes(module.Binary);
        writer.WriteVarUInt(1024);
        writer.WriteVarUInt(timeoutMs);
        writer.WriteVarUInt(memoryKiB);
        buffer.EndFrame();
        ControlMessages.WriteImplementation(buffer, id, WasmModuleTransfer.UrlFor(module));
        Connection.Send(buffer.WrittenSpan);
    }

    public void Announce(int id, string url)
    {
        using var buffer = new FrameBuffer();
        ControlMessages.WriteImplementation(buffer, id, url);
        Connection.Send(buffer.WrittenSpan);
    }

    /// <summary>Sends jobs in one frame: (job id, implementation id, inputs).</summary>
    public void SendJobs(params (long Id, int Implementation, Value[] Inputs)[] jobs)
    {
        using var buffer = new FrameBuffer();
        buffer.BeginFrame(MessageType.Jobs);
        var writer = new ProtocolWriter(buffer);
        foreach (var (id, implementation, inputs) in jobs) JobCodec.WriteJob(ref writer, id, implementation, inputs);
        buffer.EndFrame();
        Connection.Send(buffer.WrittenSpan);
    }

    /// <summary>Reads until <paramref name="count"/> results have arrived (the socket's receive timeout bounds the wait).</summary>
    public IReadOnlyDictionary<long, JobOutcome> WaitForResults(int count)
    {
        while (_results.Count < count) Assert.True(Connection.ReceiveFrames(this, _limit), "flowrex closed before answering");
        return _results;
    }

    /// <summary>Drops the connection without a word, as a coordinator that dies does.</summary>
    public void Drop()
    {
        _connection?.Socket.Close(0);
        _connection?.Dispose();
        _connection = null;
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
                    _results[id] = JobCodec.ReadOutcome(ref reader, out _, out _);
                }
                break;
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _listener.Dispose();
    }

    private FrameSocket Connection => _connection ?? throw new InvalidOperationException("no flowrex connected");
}
