// Copyright (c) flowr contributors. MIT licence.
using System.Net.Sockets;
using System.Security.Cryptography;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// The coordinator's side of one executor connection: handshake, sending jobs within the executor's
/// credit, and taking results back. One thread reads; sends come from the coordinator thread (dispatch)
/// and from this connection's reader (refill after results).
/// </summary>
internal sealed class ExecutorConnection : IFrameHandler
{
    /// <summary>Jobs frames are cut at about this size so a batch of big values streams.</summary>
    private const int FrameCut = 256 * 1024;
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly JobService _service;
    private readonly FrameSocket _socket;
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Job> _outstanding = [];
    private readonly Lock _sendGate = new();
    private readonly FrameBuffer _sendBuffer = new();
    private readonly Job[] _scratch = new Job[256];
    private readonly bool[] _implementationSent;
    /// <summary>By implementation id: the executor refused it, so its jobs run in flowr (<see cref="JobService.RunHere"/>).</summary>
    private readonly bool[] _refused;
    private readonly HashSet<string> _modulesSent = new(StringComparer.Ordinal);
    private readonly ManualResetEventSlim _closedEvent = new();
    private byte[]? _nonce;
    private Phase _phase = Phase.Hello;
    private volatile bool _closed;
    private string? _peerCloseReason;
    private int _retiredCount;

    public ExecutorConnection(JobService service, Socket socket)
    {
        _service = service;
        _socket = new FrameSocket(socket);
        _implementationSent = new bool[service.Wire.Urls.Length];
        _refused = new bool[service.Wire.Urls.Length];
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
    public int Threads { get; private set; }
    public int Capacity { get; private set; }
    public string RemoteEndPoint => _socket.RemoteEndPoint;

    public void Start() => _thread.Start();

    /// <summary>
    /// Takes up to <paramref name="max"/> jobs from <paramref name="pending"/>, within free credit, and sends
    /// them. Returns how many were taken. A failed send closes the socket; the reader then requeues them.
    /// </summary>
    public int SendFrom(MpmcQueue<Job> pending, int max)
    {
        lock (_sendGate)
        {
            if (_closed) return 0;
            int free;
            lock (_gate) free = Capacity - _outstanding.Count;
            int want = Math.Min(Math.Min(free, max), _scratch.Length);
            int taken = 0;
            while (taken < want && pending.TryDequeue(out var job))
            {
                if (Volatile.Read(ref _refused[_service.Wire.IdOfFunction[job.FunctionId]])) _service.RunHere(job);
                else _scratch[taken++] = job;
            }
            if (taken == 0) return 0;
            lock (_gate)
            {
                if (_closed)
                {
                    for (int i = 0; i < taken; i++) pending.Enqueue(_scratch[i]);
                    Array.Clear(_scratch, 0, taken);
                    return 0;
                }
                for (int i = 0; i < taken; i++) _outstanding.Add(_scratch[i].Id, _scratch[i]);
            }
            Encode(taken);
            Array.Clear(_scratch, 0, taken);
            try
            {
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                Log.Debug($"send to executor '{Name}' failed: {error.Message}");
                _socket.Shutdown();
            }
            return taken;
        }
    }

    /// <summary>
    /// Called by the coordinator thread right after it sent a few jobs: handles results that already
    /// arrived, on this thread, saving the hand-off from the reading thread. True when some were retired.
    /// </summary>
    public bool TryReceiveResultsNow()
    {
        if (_closed) return false;
        int before = Volatile.Read(ref _retiredCount);
        try
        {
            _socket.TryReceiveFramesNow(this);
        }
        catch (Exception error) when (error is ProtocolException or SocketException or ObjectDisposedException)
        {
            // The reading thread meets the same error and closes the connection.
            _socket.Shutdown();
            return false;
        }
        return Volatile.Read(ref _retiredCount) != before;
    }

    public void EndAssist() => _socket.EndAssist();

    public bool HasOutstanding
    {
        get
        {
            lock (_gate) return _outstanding.Count > 0;
        }
    }

    public void HeartbeatIfIdle()
    {
        if (!_closed && !_socket.HeartbeatIfIdle()) _socket.Shutdown();
    }

    /// <summary>Sends <c>done</c>; the executor then closes its side and the reader ends.</summary>
    public void SendDone()
    {
        lock (_sendGate)
        {
            if (_closed) return;
            _sendBuffer.Clear();
            _sendBuffer.WriteEmptyFrame(MessageType.Done);
            try
            {
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                _socket.Shutdown();
            }
        }
    }

    /// <summary>Waits for the reader to end; shuts the socket down if it takes too long.</summary>
    public void WaitClosed(TimeSpan timeout)
    {
        if (_closedEvent.Wait(timeout)) return;
        _socket.Shutdown();
        _closedEvent.Wait(timeout);
    }

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
            case MessageType.Results:
                OnResults(body);
                break;
            case MessageType.Credit:
                lock (_gate) Capacity = Math.Min(Capacity + ControlMessages.ReadCredit(body), _service.MaxInFlight);
                _service.PumpTo(this);
                break;
            case MessageType.Heartbeat:
                ControlMessages.ReadEmpty(body);
                break;
            case MessageType.Close:
                _peerCloseReason = ControlMessages.ReadClose(body);
                break;
            default:
                throw new ProtocolException($"unexpected {type} message from an executor");
        }
    }

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
        Threads = hello.Threads;
        Capacity = Math.Clamp(hello.Credit, 1, _service.MaxInFlight);
        _nonce = _service.KeyBytes is null ? [] : RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize);
        lock (_sendGate)
        {
            _sendBuffer.Clear();
            new WelcomeMessage(ProtocolConstants.Version, _service.RunId, (int)ProtocolConstants.HeartbeatInterval.TotalMilliseconds, _nonce).WriteFrame(_sendBuffer);
            _socket.Send(_sendBuffer.WrittenSpan);
        }
        _phase = _nonce.Length == 0 ? Phase.Running : Phase.Auth;
    }

    private void OnAuth(MessageType type, ReadOnlySpan<byte> body)
    {
        if (type != MessageType.Auth) throw new ProtocolException($"expected auth, got {type}");
        Span<byte> expected = stackalloc byte[ProtocolConstants.AuthSize];
        HMACSHA256.HashData(_service.KeyBytes, _nonce, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, ControlMessages.ReadAuth(body)))
        {
            throw new ProtocolException("authentication failed: wrong pre-shared key");
        }
        _phase = Phase.Running;
    }

    private void OnResults(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        int retired = 0;
        int refused = 0;
        while (!reader.IsAtEnd)
        {
            long id = JobCodec.ReadResultId(ref reader);
            var outcome = JobCodec.ReadOutcome(ref reader, out bool refusal);
            Job? job;
            lock (_gate) _outstanding.Remove(id, out job);
            if (job is null)
            {
                // §11.4: a result counts only for a job outstanding on this connection, once.
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Ignoring a result for Job#{id}, not outstanding on executor '{Name}'");
                continue;
            }
            if (refusal)
            {
                Refused(job, outcome.Error!);
                refused++;
                continue;
            }
            job.Outcome = outcome.IsError ? JobOutcome.Fail(ErrorMessage(job, outcome.Error!)) : outcome;
            _service.Results.Post(job);
            retired++;
        }
        if (retired > 0) Interlocked.Add(ref _retiredCount, retired);
        if (retired + refused > 0) _service.PumpTo(this);
    }

    /// <summary>An executor's error worded as the same error of a job run in flowr (<see cref="Job.Execute"/>).</summary>
    private string ErrorMessage(Job job, string error) =>
        _service.Wire.Shipped[_service.Wire.IdOfFunction[job.FunctionId]] is null
            ? $"{job.FunctionName}: {error}"
            : $"{job.FunctionName}: {WasmFunction.FailureMessage(job.FunctionName, error)}";

    /// <summary>The executor cannot run this job's implementation at all: run it, and later ones, in flowr.</summary>
    private void Refused(Job job, string reason)
    {
        ref bool refused = ref _refused[_service.Wire.IdOfFunction[job.FunctionId]];
        if (!Volatile.Read(ref refused))
        {
            Volatile.Write(ref refused, true);
            Log.Warn($"Executor '{Name}' cannot run '{job.FunctionName}' ({reason}); its jobs run in flowr");
        }
        _service.RunHere(job);
    }

    private void Encode(int count)
    {
        _sendBuffer.Clear();
        bool open = false;
        for (int i = 0; i < count; i++)
        {
            Job job = _scratch[i];
            int implementation = _service.Wire.IdOfFunction[job.FunctionId];
            if (!_implementationSent[implementation])
            {
                if (open) _sendBuffer.EndFrame();
                open = false;
                // A WebAssembly module travels once per connection, before the first implementation naming it.
                if (_service.Wire.Shipped[implementation] is { } wasm && _modulesSent.Add(wasm.Module.Sha256))
                {
                    WasmModuleTransfer.WriteModule(_sendBuffer, wasm.Module, wasm.Options);
                }
                ControlMessages.WriteImplementation(_sendBuffer, implementation, _service.Wire.Urls[implementation]);
                _implementationSent[implementation] = true;
            }
            if (!open)
            {
                _sendBuffer.BeginFrame(MessageType.Jobs);
                open = true;
            }
            var writer = new ProtocolWriter(_sendBuffer);
            JobCodec.WriteJob(ref writer, job.Id, implementation, job.Inputs);
            if (_sendBuffer.CurrentFrameLength >= FrameCut)
            {
                _sendBuffer.EndFrame();
                open = false;
            }
        }
        if (open) _sendBuffer.EndFrame();
    }

    private void Run()
    {
        string reason;
        try
        {
            var handshakeEnd = DateTime.UtcNow + HandshakeTimeout;
            _socket.Socket.ReceiveTimeout = (int)HandshakeTimeout.TotalMilliseconds;
            while (_phase != Phase.Running)
            {
                if (!_socket.ReceiveFrames(this)) throw new ProtocolException("closed during the handshake");
                if (_phase != Phase.Running && DateTime.UtcNow > handshakeEnd) throw new ProtocolException("handshake took too long");
            }
            _socket.Socket.ReceiveTimeout = (int)ProtocolConstants.DeadPeerTimeout.TotalMilliseconds;
            _service.Joined(this);
            while (_socket.WaitAndReceiveFrames(this))
            {
            }
            reason = _peerCloseReason is null ? "connection closed" : $"executor closed the connection: {_peerCloseReason}";
        }
        catch (ProtocolException error)
        {
            reason = $"protocol error: {error.Message}";
            SendClose(error.Message);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.TimedOut)
        {
            reason = $"nothing received for {ProtocolConstants.DeadPeerTimeout.TotalSeconds:0} s";
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            reason = error.Message;
        }
        List<Job> outstanding;
        lock (_gate)
        {
            _closed = true;
            outstanding = [.. _outstanding.Values];
            _outstanding.Clear();
        }
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
        lock (_sendGate)
        {
            try
            {
                _sendBuffer.Clear();
                ControlMessages.WriteClose(_sendBuffer, reason);
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                // The peer is gone already.
            }
        }
    }
}
