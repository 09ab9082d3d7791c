// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Crypto;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// The coordinator's side of one executor connection: the handshake (PROTOCOL.md, "Handshake"), then jobs
/// sent within the executor's window, results taken back, round trips measured and deadlines watched
/// (<c>ExecutorConnection.Jobs.cs</c>). One thread reads; jobs are encoded by the coordinator thread
/// (dispatch) and by this connection's reader (refill after results), and the socket never blocks either.
/// </summary>
internal sealed partial class ExecutorConnection : IFrameHandler
{
    private readonly JobService _service;
    private readonly FrameSocket _socket;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _closedEvent = new();
    private readonly byte[] _coordinatorNonce = SecureRandom.GetBytes(ProtocolConstants.AuthSize);
    private byte[] _executorNonce = [];
    private Phase _phase = Phase.Hello;
    private volatile bool _closed;
    private string? _peerCloseReason;
    private string? _closeReason;

    public ExecutorConnection(JobService service, Socket socket)
    {
        _service = service;
        _socket = new FrameSocket(socket);
        _implementationSent = new bool[service.Wire.Urls.Length];
        _refused = new bool[service.Wire.Urls.Length];
        Stats = new ExecutorStats("?", _socket.RemoteEndPoint);
        SameHost = IsSameHost(socket);
        _thread = new Thread(Run) { IsBackground = true, Name = "executor-connection" };
    }

    private enum Phase
    {
        Hello,
        Auth,
        Running,
    }

    public string Name { get; private set; } = "?";
    public string Architecture { get; private set; } = "?";
    public int Threads { get; private set; } = 1;
    /// <summary>Jobs the executor said it can hold.</summary>
    public int Capacity { get; private set; }
    public string RemoteEndPoint => _socket.RemoteEndPoint;
    public ExecutorStats Stats { get; }

    /// <summary>True once the handshake is over (and, with a key, the executor proved it).</summary>
    public bool IsRunning => _phase == Phase.Running && !_closed;

    /// <summary>
    /// The executor runs on this machine (it connected over loopback, or from this host's own address): its
    /// threads share flowr's processors instead of adding any.
    /// </summary>
    public bool SameHost { get; }

    private static bool IsSameHost(Socket socket)
    {
        if (socket.RemoteEndPoint is not IPEndPoint remote || socket.LocalEndPoint is not IPEndPoint local) return false;
        return IPAddress.IsLoopback(remote.Address) || remote.Address.Equals(local.Address);
    }

    /// <summary>It answered the ping sent after the flow's WebAssembly modules: it has compiled them.</summary>
    public bool IsWarm => _warm;

    public void Start() => _thread.Start();

    public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
    {
        switch (_phase)
        {
            case Phase.Hello:
                OnHello(type, body);
                return;
            case Phase.Auth:
                OnAuth(type, body);
                return;
        }
        switch (type)
        {
            // | 6 | results | ex → co | results back to back |
            case MessageType.Results:
                OnResults(body);
                break;
            // | 7 | credit | ex → co | varint extra jobs the executor can hold |
            case MessageType.Credit:
                lock (_gate) Capacity = Math.Min(Capacity + ControlMessages.ReadCredit(body), _service.MaxInFlight);
                _service.PumpTo(this);
                break;
            // | 13 | pong | ex → co | the u64 of a ping |
            case MessageType.Pong:
                OnPong(ControlMessages.ReadPing(body));
                break;
            // | 8 | heartbeat | both | empty |
            case MessageType.Heartbeat:
                ControlMessages.ReadEmpty(body);
                break;
            // | 10 | close | both | string reason |
            case MessageType.Close:
                _peerCloseReason = ControlMessages.ReadClose(body);
                break;
            default:
                throw new ProtocolException($"unexpected {type} message from an executor");
        }
    }

    // | 1 | hello | ex → co | u16 version, name, architecture, threads, credit, largest message, nonce |
    private void OnHello(MessageType type, ReadOnlySpan<byte> body)
    {
        if (type != MessageType.Hello) throw new ProtocolException($"expected hello, got {type}");
        var hello = HelloMessage.Read(body);
        if (hello.Version != ProtocolConstants.Version)
        {
            throw new ProtocolException($"executor speaks protocol version {hello.Version}, this flowr speaks {ProtocolConstants.Version}");
        }
        Name = hello.Name;
        Architecture = hello.Architecture;
        Threads = Math.Max(1, hello.Threads);
        Capacity = Math.Clamp(hello.Credit, 1, _service.MaxInFlight);
        _executorNonce = hello.Nonce;
        _maxMessageToExecutor = Math.Min(hello.MaxMessageLength, _service.MaxMessageLength);
        Stats.Name = $"flowrex '{Name}'";
        Stats.Where = $"{Architecture}, {Threads} thread(s), from {RemoteEndPoint}{(SameHost && _service.LocalThreadsUseEveryProcessor ? "; on this machine, whose processors flowr's threads already use: no jobs" : "")}";
        var key = _service.Key;
        byte[]? proof = key is null ? null : HandshakeCrypto.CoordinatorProof(key, _executorNonce, _coordinatorNonce);
        using (var buffer = new FrameBuffer(512))
        {
            new WelcomeMessage(ProtocolConstants.Version, _service.RunId, (int)ProtocolConstants.HeartbeatInterval.TotalMilliseconds,
                _service.MaxMessageLength, _coordinatorNonce, proof).WriteFrame(buffer);
            _socket.Send(buffer.WrittenSpan);
        }
        if (key is null)
        {
            _socket.Authenticated(_service.MaxMessageLength, _maxMessageToExecutor, sealer: null, opener: null);
            _phase = Phase.Running;
        }
        else
        {
            _phase = Phase.Auth;
        }
    }

    // | 3 | auth | ex → co | the executor's 32-byte proof of the key |
    private void OnAuth(MessageType type, ReadOnlySpan<byte> body)
    {
        if (type != MessageType.Auth) throw new ProtocolException($"expected auth, got {type}");
        var key = _service.Key!;
        var expected = HandshakeCrypto.ExecutorProof(key, _executorNonce, _coordinatorNonce);
        if (!HandshakeCrypto.Verify(expected, ControlMessages.ReadAuth(body)))
        {
            throw new ProtocolException("authentication failed: the executor does not know the pre-shared key");
        }
        var (sealer, opener) = HandshakeCrypto.FrameCiphers(key, _executorNonce, _coordinatorNonce, coordinator: true);
        _socket.Authenticated(_service.MaxMessageLength, _maxMessageToExecutor, sealer, opener);
        _phase = Phase.Running;
    }

    /// <summary>Waits for the reader to end; shuts the socket down if it takes too long.</summary>
    public void WaitClosed(TimeSpan timeout)
    {
        if (_closedEvent.Wait(timeout)) return;
        _socket.Shutdown();
        _closedEvent.Wait(timeout);
    }

    /// <summary>Closes the connection from another thread, with the reason the log will give.</summary>
    public void Close(string reason)
    {
        _closeReason ??= reason;
        SendClose(reason);
        _socket.Shutdown();
    }

    private void Run()
    {
        string reason;
        try
        {
            long started = Stopwatch.GetTimestamp();
            while (_phase != Phase.Running)
            {
                var left = ProtocolConstants.HandshakeTimeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero) throw new ProtocolException("handshake took too long");
                if (!_socket.ReceiveFrames(this, left)) throw new ProtocolException("closed during the handshake");
            }
            // NOTE: before it is known as joined, so no job goes ahead of the modules.
            SendModulesAndPing();
            _service.Joined(this);
            while (_socket.ReceiveFrames(this))
            {
            }
            reason = _closeReason ?? (_peerCloseReason is null ? "connection closed" : $"executor closed the connection: {_peerCloseReason}");
        }
        catch (ProtocolException error)
        {
            reason = $"protocol error: {error.Message}";
            SendClose(error.Message);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.TimedOut)
        {
            reason = _phase == Phase.Running ? $"nothing received for {ProtocolConstants.DeadPeerTimeout.TotalSeconds:0} s" : "handshake took too long";
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            reason = _closeReason ?? error.Message;
        }
        catch (Exception error)
        {
            // NOTE: a bug met by what a peer sent; the connection ends, flowr goes on.
            reason = $"internal error handling what the executor sent: {error.GetType().Name}: {error.Message}";
            Log.Error($"Connection from {RemoteEndPoint}: {reason}\n{error.StackTrace}");
            SendClose("internal error");
        }
        List<Job> outstanding = TakeOutstanding();
        _service.Left(this, reason, outstanding);
        lock (_sendGate)
        {
            _socket.Dispose();
            _sendBuffer.Dispose();
        }
        _closedEvent.Set();
    }

    private void SendClose(string reason)
    {
        try
        {
            using var buffer = new FrameBuffer(256);
            ControlMessages.WriteClose(buffer, reason);
            _socket.Send(buffer.WrittenSpan);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The peer is gone already.
        }
    }
}
