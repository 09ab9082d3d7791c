// Copyright (c) flowr contributors. MIT licence.
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Flowr.Runtime.Crypto;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;
using Microsoft.Extensions.ObjectPool;

namespace Flowr.Runtime.Distribution;

/// <summary>How an executor session ended, and what it did.</summary>
/// <param name="Unauthenticated">The coordinator could not prove the key, or asked for one this executor lacks.</param>
public sealed record ExecutorSessionResult(SessionEnd End, string Reason, string? RunId, long JobsRun, bool Unauthenticated = false);

/// <summary>
/// The executor's side of one connection to a coordinator (flowrex): the handshake, in which a keyed
/// executor works only for a coordinator that proves it knows the key, then jobs run on
/// <see cref="ExecutorSessionOptions.Threads"/> threads until <c>done</c> or the connection drops. The
/// reading thread is one of the executor threads: it runs jobs itself after each receive, so a chain of
/// dependent jobs crosses no thread hand-off here. Every job gets a result, an error if need be; nothing a
/// coordinator sends ends the process: it ends the session, with a reason.
/// </summary>
public sealed partial class ExecutorSession : IFrameHandler
{
    private readonly FrameSocket _socket;
    private readonly ExecutorSessionOptions _options;
    private readonly MpmcQueue<RemoteJob> _work;
    private readonly ObjectPool<RemoteJob> _jobs;
    private readonly ObjectPool<FrameBuffer> _buffers;
    private readonly IdleWaiter _waiter = new();
    private readonly WasmModuleStore _modules;
    private readonly byte[] _nonce = SecureRandom.GetBytes(ProtocolConstants.AuthSize);
    private volatile Implementation[] _implementations = [];
    private volatile bool _stopping;
    private volatile string? _failure;
    private bool _welcomed;
    private bool _done;
    private bool _unauthenticated;
    private string? _peerCloseReason;
    private string? _runId;
    private long _maxResultMessage = ProtocolConstants.MaxFrameLength;
    /// <summary>Largest message taken from flowr: room for a value of the largest size this executor takes.</summary>
    private readonly long _maxIncoming;
    private long _jobsRun;

    private ExecutorSession(Socket socket, ExecutorSessionOptions options)
    {
        _socket = new FrameSocket(socket);
        _options = options;
        _maxIncoming = Math.Clamp(options.MaxValueSize + 64 * 1024, ProtocolConstants.MaxFrameLength, options.MaxMessageLength);
        // Twice the credit: a worker preempted between claiming and releasing a slot must not make
        // a queue holding no more than the credit look full (MpmcQueue.Enqueue).
        _work = new MpmcQueue<RemoteJob>(options.EffectiveCredit * 2);
        var pools = new DefaultObjectPoolProvider { MaximumRetained = options.EffectiveCredit * 2 };
        _jobs = pools.Create(new RemoteJobPolicy());
        _buffers = new DefaultObjectPoolProvider { MaximumRetained = options.Threads + 2 }.Create(new FrameBufferPolicy());
        _modules = options.RunWasm ? new WasmModuleStore(options.WasmCaps) : WasmModuleStore.Refusing("this executor runs no WebAssembly (flowrex --no-wasm)");
    }

    /// <summary>An announced implementation: its code, or why this executor refuses its jobs.</summary>
    private readonly record struct Implementation(string? Url, IFunctionImplementation? Code, string? Refusal);

    /// <summary>Runs a session on a connected socket until the flow is done, the connection drops, or <paramref name="cancellation"/> fires.</summary>
    public static ExecutorSessionResult Run(Socket socket, ExecutorSessionOptions options, CancellationToken cancellation)
    {
        var session = new ExecutorSession(socket, options);
        return session.Run(cancellation);
    }

    private ExecutorSessionResult Run(CancellationToken cancellation)
    {
        var workers = new Thread[Math.Max(0, _options.Threads - 1)];
        using var stopTimer = new ManualResetEventSlim();
        var heartbeat = new Thread(() =>
        {
            while (!stopTimer.Wait(250))
            {
                if (!_socket.HeartbeatIfIdle()) EndConnection(this);
            }
        }) { IsBackground = true, Name = "flowrex-heartbeat" };
        using var registration = cancellation.Register(static state => EndConnection((ExecutorSession)state!), this);
        SessionEnd end;
        string reason;
        var readerBuffer = _buffers.Get();
        try
        {
            string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            new HelloMessage(ProtocolConstants.Version, _options.Name, architecture, _options.Threads, _options.EffectiveCredit,
                _maxIncoming, _nonce).WriteFrame(readerBuffer);
            _socket.Send(readerBuffer.WrittenSpan);
            heartbeat.Start();
            for (int i = 0; i < workers.Length; i++)
            {
                workers[i] = new Thread(Work) { IsBackground = true, Name = $"flowrex-executor-{i + 1}" };
                workers[i].Start();
            }
            while (!_done && _failure is null && _socket.ReceiveFrames(this, _welcomed ? null : ProtocolConstants.HandshakeTimeout))
            {
                if (_work.IsEmpty) continue;
                _waiter.Wake(workers.Length);
                Drain(readerBuffer);
            }
            (end, reason) = _done ? (SessionEnd.Done, "flow done")
                : _failure is not null ? (SessionEnd.Dropped, _failure)
                : cancellation.IsCancellationRequested ? (SessionEnd.Cancelled, "stopped")
                : (SessionEnd.Dropped, _peerCloseReason is null ? "connection closed by flowr" : $"flowr closed the connection: {_peerCloseReason}");
        }
        catch (ProtocolException error)
        {
            (end, reason) = (SessionEnd.Dropped, $"protocol error: {error.Message}");
            TrySendClose(error.Message);
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.TimedOut && !cancellation.IsCancellationRequested)
        {
            (end, reason) = (SessionEnd.Dropped, _welcomed
                ? $"nothing received from flowr for {ProtocolConstants.DeadPeerTimeout.TotalSeconds:0} s"
                : "flowr did not answer the hello in time");
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            (end, reason) = cancellation.IsCancellationRequested ? (SessionEnd.Cancelled, "stopped") : (SessionEnd.Dropped, _failure ?? error.Message);
        }
        catch (Exception error)
        {
            // NOTE: a bug met by what flowr sent; the session ends, flowrex goes on.
            (end, reason) = (SessionEnd.Dropped, $"internal error handling what flowr sent: {error.GetType().Name}: {error.Message}");
            Log.Error($"{reason}\n{error.StackTrace}");
            TrySendClose("internal error");
        }
        _stopping = true;
        _waiter.Wake(workers.Length);
        // A WebAssembly call may loop for as long as its limit allows: nobody wants its result now.
        _modules.Interrupt();
        foreach (var worker in workers) worker?.Join();
        // No job runs any more: free the WebAssembly instances of this connection's modules.
        _modules.Dispose();
        stopTimer.Set();
        if (heartbeat.IsAlive) heartbeat.Join();
        _socket.Shutdown();
        _socket.Dispose();
        readerBuffer.Dispose();
        _waiter.Dispose();
        return new ExecutorSessionResult(end, reason, _runId, Interlocked.Read(ref _jobsRun), _unauthenticated);
    }

    public void OnFrame(MessageType type, ReadOnlySpan<byte> body)
    {
        if (!_welcomed)
        {
            OnWelcome(type, body);
            return;
        }
        switch (type)
        {
            // | 5 | jobs | co → ex | varint job id, varint implementation id, varint input count, values |
            case MessageType.Jobs:
                OnJobs(body);
                break;
            // | 4 | implementation | co → ex | varint id, string URL |
            case MessageType.Implementation:
                OnImplementation(body);
                break;
            // | 11 | module | co → ex | SHA-256, name, bytes, limits |
            case MessageType.Module:
                _modules.Accept(body);
                break;
            // | 12 | ping | co → ex | u64, sent back at once |
            case MessageType.Ping:
                Pong(ControlMessages.ReadPing(body));
                break;
            // | 8 | heartbeat | both | empty |
            case MessageType.Heartbeat:
                ControlMessages.ReadEmpty(body);
                break;
            // | 9 | done | co → ex | empty |
            case MessageType.Done:
                ControlMessages.ReadEmpty(body);
                _done = true;
                break;
            // | 10 | close | both | string reason |
            case MessageType.Close:
                _peerCloseReason = ControlMessages.ReadClose(body);
                break;
            default:
                throw new ProtocolException($"unexpected {type} message from flowr");
        }
    }

    // | 2 | welcome | co → ex | u16 version, run id, heartbeat ms, largest message, nonce, keyed, proof |
    private void OnWelcome(MessageType type, ReadOnlySpan<byte> body)
    {
        if (type == MessageType.Close) throw new ProtocolException($"flowr refused this executor: {ControlMessages.ReadClose(body)}");
        if (type != MessageType.Welcome) throw new ProtocolException($"expected welcome, got {type}");
        var welcome = WelcomeMessage.Read(body);
        if (welcome.Version != ProtocolConstants.Version)
        {
            throw new ProtocolException($"flowr speaks protocol version {welcome.Version}, this executor speaks {ProtocolConstants.Version}");
        }
        _runId = welcome.RunId;
        _maxResultMessage = welcome.MaxMessageLength;
        var key = _options.Key;
        if (welcome.Proof is null)
        {
            if (key is not null)
            {
                _unauthenticated = true;
                throw new ProtocolException("flowr has no pre-shared key, and this executor works only for one that proves it knows its key");
            }
            _socket.Authenticated(_maxIncoming, welcome.MaxMessageLength, sealer: null, opener: null);
        }
        else
        {
            if (key is null)
            {
                _unauthenticated = true;
                throw new ProtocolException($"flowr asks for a pre-shared key; give the same one here ({JobServiceOptions.KeyEnvironmentVariable} or --key-file)");
            }
            if (!HandshakeCrypto.Verify(HandshakeCrypto.CoordinatorProof(key, _nonce, welcome.Nonce), welcome.Proof))
            {
                _unauthenticated = true;
                throw new ProtocolException("flowr could not prove it knows the pre-shared key (another key, or not the flowr it claims to be)");
            }
            using (var buffer = new FrameBuffer(256))
            {
                ControlMessages.WriteAuth(buffer, HandshakeCrypto.ExecutorProof(key, _nonce, welcome.Nonce));
                _socket.Send(buffer.WrittenSpan);
            }
            var (sealer, opener) = HandshakeCrypto.FrameCiphers(key, _nonce, welcome.Nonce, coordinator: false);
            _socket.Authenticated(_maxIncoming, welcome.MaxMessageLength, sealer, opener);
        }
        _welcomed = true;
        Log.Debug($"Joined run {welcome.RunId}{(welcome.Proof is null ? "" : " (keyed: frames are protected)")}");
    }

    private void Pong(ulong stamp)
    {
        var buffer = _buffers.Get();
        try
        {
            ControlMessages.WritePing(buffer, MessageType.Pong, stamp);
            _socket.Send(buffer.WrittenSpan);
        }
        finally
        {
            _buffers.Return(buffer);
        }
    }

    private void OnImplementation(ReadOnlySpan<byte> body)
    {
        var (id, url) = ControlMessages.ReadImplementation(body);
        var table = _implementations;
        if (id >= table.Length)
        {
            var bigger = new Implementation[Math.Max(id + 1, table.Length * 2)];
            table.CopyTo(bigger, 0);
            table = bigger;
        }
        var code = _modules.Resolve(url) ?? _options.Resolve(url);
        string? refusal = code switch
        {
            null => $"implementation '{url}' is not known to executor '{_options.Name}'",
            UnavailableImplementation unavailable => unavailable.Reason,
            _ => null,
        };
        table[id] = new Implementation(url, refusal is null ? code : null, refusal);
        _implementations = table;
        if (refusal is not null) Log.Warn($"Refusing the jobs of '{url}', flowr runs them: {refusal}");
    }

    private void OnJobs(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        long received = System.Diagnostics.Stopwatch.GetTimestamp();
        while (!reader.IsAtEnd)
        {
            JobCodec.ReadJobHeader(ref reader, out long id, out int implementation, out int count);
            var job = _jobs.Get();
            if (job.Inputs.Length < count) job.Inputs = new Value[count];
            job.InputCount = count;
            for (int i = 0; i < count; i++) job.Inputs[i] = ValueCodec.Read(ref reader);
            job.Id = id;
            job.Implementation = implementation;
            job.ReceivedAt = received;
            if (!_work.TryEnqueue(job)) throw new ProtocolException("flowr sent more jobs than the credit it was given");
        }
    }

    /// <summary>
    /// The connection is over (stopped, or flowr unreachable): stop WebAssembly calls still running, so
    /// their threads come back, and shut the socket so the reading thread sees the end.
    /// </summary>
    private static void EndConnection(ExecutorSession session)
    {
        session._modules.Interrupt();
        session._socket.Shutdown();
    }

    private void TrySendClose(string reason)
    {
        try
        {
            using var buffer = new FrameBuffer(256);
            ControlMessages.WriteClose(buffer, reason);
            _socket.Send(buffer.WrittenSpan);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // flowr is gone already.
        }
    }

    private sealed class RemoteJobPolicy : PooledObjectPolicy<RemoteJob>
    {
        public override RemoteJob Create() => new();

        public override bool Return(RemoteJob job)
        {
            job.Reset();
            return true;
        }
    }

    private sealed class FrameBufferPolicy : PooledObjectPolicy<FrameBuffer>
    {
        public override FrameBuffer Create() => new();

        public override bool Return(FrameBuffer buffer)
        {
            buffer.Clear();
            return true;
        }
    }
}
