// Copyright (c) flowr contributors. MIT licence.
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

/// <summary>How an executor session ended, and what it did.</summary>
public sealed record ExecutorSessionResult(SessionEnd End, string Reason, string? RunId, long JobsRun);

/// <summary>
/// The executor's side of one connection to a coordinator (flowrex): handshake, then run jobs on
/// <see cref="ExecutorSessionOptions.Threads"/> threads until <c>done</c> or the connection drops. The
/// reading thread is one of the executor threads: it runs jobs itself after each receive, so a chain
/// of dependent jobs crosses no thread hand-off here. Every job gets a result, an error if need be
/// (runtime-semantics.md §11.1).
/// </summary>
public sealed class ExecutorSession : IFrameHandler
{
    private const int ResultFrameCut = 64 * 1024;
    private static readonly Func<ExecutorSession, bool> HasWorkOrStop = static self => self._stopping || !self._work.IsEmpty;

    private readonly FrameSocket _socket;
    private readonly ExecutorSessionOptions _options;
    private readonly MpmcQueue<RemoteJob> _work;
    private readonly MpmcQueue<RemoteJob> _free;
    private readonly IdleWaiter _waiter = new();
    private readonly FrameBuffer _readerBuffer = new();
    private readonly WasmModuleStore _modules;
    private volatile Implementation[] _implementations = [];
    private volatile bool _stopping;
    private bool _welcomed;
    private bool _done;
    private string? _peerCloseReason;
    private string? _runId;
    private long _jobsRun;

    private ExecutorSession(Socket socket, ExecutorSessionOptions options)
    {
        _socket = new FrameSocket(socket);
        _options = options;
        // Twice the credit: a worker preempted between claiming and releasing a slot must not make
        // a queue holding no more than the credit look full (MpmcQueue.Enqueue).
        _work = new MpmcQueue<RemoteJob>(options.EffectiveCredit * 2);
        _free = new MpmcQueue<RemoteJob>(options.EffectiveCredit * 2);
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
        try
        {
            _readerBuffer.Clear();
            string architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            new HelloMessage(ProtocolConstants.Version, _options.Name, architecture, _options.Threads, _options.EffectiveCredit).WriteFrame(_readerBuffer);
            _socket.Send(_readerBuffer.WrittenSpan);
            heartbeat.Start();
            for (int i = 0; i < workers.Length; i++)
            {
                workers[i] = new Thread(Work) { IsBackground = true, Name = $"flowrex-executor-{i + 1}" };
                workers[i].Start();
            }
            while (!_done && _socket.ReceiveFrames(this))
            {
                if (_work.IsEmpty) continue;
                _waiter.Wake(workers.Length);
                Drain(_readerBuffer);
            }
            (end, reason) = _done ? (SessionEnd.Done, "flow done")
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
            (end, reason) = (SessionEnd.Dropped, $"nothing received from flowr for {ProtocolConstants.DeadPeerTimeout.TotalSeconds:0} s");
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            (end, reason) = cancellation.IsCancellationRequested ? (SessionEnd.Cancelled, "stopped") : (SessionEnd.Dropped, error.Message);
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
        _readerBuffer.Dispose();
        _waiter.Dispose();
        return new ExecutorSessionResult(end, reason, _runId, Interlocked.Read(ref _jobsRun));
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
            case MessageType.Jobs:
                OnJobs(body);
                break;
            case MessageType.Implementation:
                OnImplementation(body);
                break;
            case MessageType.Module:
                _modules.Accept(body);
                break;
            case MessageType.Heartbeat:
                ControlMessages.ReadEmpty(body);
                break;
            case MessageType.Done:
                ControlMessages.ReadEmpty(body);
                _done = true;
                break;
            case MessageType.Close:
                _peerCloseReason = ControlMessages.ReadClose(body);
                break;
            default:
                throw new ProtocolException($"unexpected {type} message from flowr");
        }
    }

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
        if (welcome.Nonce.Length > 0)
        {
            if (_options.Key is not { Length: > 0 } key)
            {
                throw new ProtocolException($"flowr asks for a pre-shared key; set {JobServiceOptions.KeyEnvironmentVariable}");
            }
            Span<byte> mac = stackalloc byte[ProtocolConstants.AuthSize];
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), welcome.Nonce, mac);
            _readerBuffer.Clear();
            ControlMessages.WriteAuth(_readerBuffer, mac);
            _socket.Send(_readerBuffer.WrittenSpan);
        }
        _welcomed = true;
        Log.Debug($"Joined run {welcome.RunId}");
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
        while (!reader.IsAtEnd)
        {
            JobCodec.ReadJobHeader(ref reader, out long id, out int implementation, out int count);
            if (!_free.TryDequeue(out var job)) job = new RemoteJob();
            if (job.Inputs.Length < count) job.Inputs = new Value[count];
            for (int i = 0; i < count; i++) job.Inputs[i] = ValueCodec.Read(ref reader);
            job.InputCount = count;
            job.Id = id;
            job.Implementation = implementation;
            if (!_work.TryEnqueue(job)) throw new ProtocolException("flowr sent more jobs than the credit it was given");
        }
    }

    private void Work()
    {
        using var buffer = new FrameBuffer();
        while (true)
        {
            if (!_work.IsEmpty) Drain(buffer);
            if (_stopping) return;
            _waiter.Wait(HasWorkOrStop, this, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs queued jobs and sends their results in batches.</summary>
    private void Drain(FrameBuffer buffer)
    {
        bool open = false;
        while (_work.TryDequeue(out var job))
        {
            Execute(job);
            if (!open)
            {
                buffer.Clear();
                buffer.BeginFrame(MessageType.Results);
                open = true;
            }
            var writer = new ProtocolWriter(buffer);
            if (job.Refused) JobCodec.WriteRefusal(ref writer, job.Id, job.Outcome.Error!);
            else JobCodec.WriteResult(ref writer, job.Id, job.Outcome);
            job.Reset();
            _free.TryEnqueue(job);
            if (buffer.CurrentFrameLength >= ResultFrameCut)
            {
                Send(buffer);
                open = false;
            }
        }
        if (open) Send(buffer);
    }

    private void Send(FrameBuffer buffer)
    {
        buffer.EndFrame();
        try
        {
            _socket.Send(buffer.WrittenSpan);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            _socket.Shutdown();
        }
    }

    private void Execute(RemoteJob job)
    {
        var table = _implementations;
        var entry = (uint)job.Implementation < (uint)table.Length ? table[job.Implementation] : default;
        if (entry.Refusal is not null)
        {
            job.Refused = true;
            job.Outcome = JobOutcome.Fail(entry.Refusal);
        }
        else if (entry.Code is null)
        {
            job.Outcome = JobOutcome.Fail($"implementation id {job.Implementation} was never announced to executor '{_options.Name}'");
        }
        else if (HasInputOverMaxValueSize(job))
        {
            job.Outcome = JobOutcome.Fail($"an input is larger than this executor's largest value size of {_options.MaxValueSize} bytes (flowrex --max-value-size)");
        }
        else
        {
            try
            {
                job.Outcome = entry.Code.Run(job.InputSpan);
            }
            catch (Exception error)
            {
                job.Outcome = JobOutcome.Fail(error.Message);
            }
            // --max-value-size: a result this executor will not send becomes an error result.
            if (job.Outcome.HasOutput && ValueSize.Exceeds(job.Outcome.Output, _options.MaxValueSize))
            {
                job.Outcome = JobOutcome.Fail($"the result is larger than this executor's largest value size of {_options.MaxValueSize} bytes (flowrex --max-value-size)");
            }
        }
        if (!job.Refused) Interlocked.Increment(ref _jobsRun);
        if (Log.IsEnabled(LogLevel.Debug)) Log.Debug(Describe(job, entry.Url));
    }

    // --max-value-size on the way in. NOTE: the value is in memory already; a frame is at most 16 MiB.
    private bool HasInputOverMaxValueSize(RemoteJob job)
    {
        foreach (ref readonly Value input in job.InputSpan)
        {
            if (ValueSize.Exceeds(input, _options.MaxValueSize)) return true;
        }
        return false;
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

    private static string Describe(RemoteJob job, string? url)
    {
        var inputs = new StringBuilder();
        foreach (var input in job.InputSpan)
        {
            if (inputs.Length > 0) inputs.Append(", ");
            inputs.Append(input.ToString());
        }
        string outcome = job.Refused ? $"refused: {job.Outcome.Error}"
            : job.Outcome.IsError ? $"error: {job.Outcome.Error}"
            : job.Outcome.HasOutput ? job.Outcome.Output.ToString() : "no output";
        return $"Job #{job.Id} '{url}' ({inputs}) -> {outcome}";
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
}
