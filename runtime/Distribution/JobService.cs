// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// The library job sink of a run that remote executors (flowrex) can join: a TCP job port, a pending
/// queue of jobs nobody has taken yet, local executor threads pulling from it (when there are any),
/// and remote executor connections fed from it by their free credit (runtime-semantics.md §11.2).
/// Jobs outstanding on a connection that drops go back to the pending queue (§11.1).
/// </summary>
public sealed class JobService : IJobSink, IDisposable
{
    /// <summary>Jobs sent to one executor per round, so several executors share a batch.</summary>
    private const int SendChunk = 128;
    private static readonly TimeSpan TimerPeriod = TimeSpan.FromMilliseconds(250);
    /// <summary>A dispatch batch this small is latency-bound (a chain): the coordinator waits for its results itself.</summary>
    private const int AssistMaxBatch = 4;
    /// <summary>How long the coordinator thread polls for results after such a batch; about two loopback round trips.</summary>
    private static readonly TimeSpan AssistSpin = TimeSpan.FromMicroseconds(300);

    private readonly ResultQueue _results;
    private readonly JobServiceOptions _options;
    private readonly MpmcQueue<Job> _pending;
    /// <summary>Local executor threads (-t N with --remote), pulling from the same pending queue as the connections.</summary>
    private readonly ExecutorThreads? _local;
    private readonly int _localThreads;
    private readonly Lock _hereLock = new();
    /// <summary>Threads for jobs that run in flowr whatever executors there are: see <see cref="RunHere"/>.</summary>
    private volatile ExecutorThreads? _here;
    private int _hereSubmitted;
    private readonly Socket _listener;
    private readonly Thread _acceptThread;
    private readonly Thread _timerThread;
    private readonly Lock _connectionsLock = new();
    private readonly CancellationTokenSource _failed = new();
    private readonly ManualResetEventSlim _stop = new();
    private volatile ExecutorConnection[] _connections = [];
    private readonly List<ExecutorConnection> _all = [];
    private long _noExecutorSince = Stopwatch.GetTimestamp();
    private int _rotation;
    private int _disposed;

    /// <param name="results">Where finished jobs go.</param>
    /// <param name="implementationLocations">The implementation URL of every function, by function id.</param>
    /// <param name="localThreads">Local executor threads; 0 means every library job runs remotely.</param>
    /// <param name="options">Port, timeout and key.</param>
    /// <param name="implementations">
    /// The resolved implementation of every function, by function id: WebAssembly functions among them
    /// travel to executors as modules. Null: only flowstdlib jobs leave.
    /// </param>
    public JobService(ResultQueue results, IReadOnlyList<string> implementationLocations, int localThreads, JobServiceOptions options,
        IReadOnlyList<IFunctionImplementation>? implementations = null)
    {
        _results = results;
        _options = options;
        RunId = options.RunId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        KeyBytes = options.Key is { Length: > 0 } key ? System.Text.Encoding.UTF8.GetBytes(key) : null;
        Wire = WireImplementations.Plan(implementationLocations, implementations);
        _pending = new MpmcQueue<Job>(options.MaxInFlight * 2);
        _localThreads = localThreads;
        if (Array.IndexOf(Wire.LocalOnly, true) >= 0) CreateHere();
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A fixed port is rebound run after run; old connections in TIME_WAIT must not block it.
            if (options.Port != 0) _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(new IPEndPoint(options.BindAddress, options.Port));
            _listener.Listen(64);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        if (localThreads > 0) _local = new ExecutorThreads("executor", localThreads, _pending, results);
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "job-service-accept" };
        _acceptThread.Start();
        _timerThread = new Thread(TimerLoop) { IsBackground = true, Name = "job-service-timer" };
        _timerThread.Start();
    }

    /// <summary>The TCP port executors connect to.</summary>
    public int Port { get; }

    /// <summary>Random id of this run, advertised as TXT <c>run</c>.</summary>
    public string RunId { get; }

    /// <summary>Cancelled when the run cannot go on (no executor joined in time); see <see cref="FailureReason"/>.</summary>
    public CancellationToken Failed => _failed.Token;

    /// <summary>Why <see cref="Failed"/> was cancelled.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Remote executors connected now.</summary>
    public int ExecutorCount => _connections.Length;

    /// <summary>Remote executors that joined since the start.</summary>
    public int ExecutorsJoined { get; private set; }

    internal ResultQueue Results => _results;
    internal int MaxInFlight => _options.MaxInFlight;
    internal byte[]? KeyBytes { get; }
    internal WireImplementations Wire { get; }

    public bool TrySubmit(Job job)
    {
        if (!Wire.LocalOnly[job.FunctionId])
        {
            // At most MaxInFlight jobs are in flight in a queue of twice that (MpmcQueue.Enqueue).
            _pending.Enqueue(job);
            return true;
        }
        _hereSubmitted++;
        return _here!.TrySubmit(job);
    }

    public void Flush(int submitted)
    {
        if (submitted <= 0) return;
        if (_hereSubmitted > 0)
        {
            _here!.Flush(_hereSubmitted);
            submitted -= _hereSubmitted;
            _hereSubmitted = 0;
        }
        _local?.Flush(submitted);
        Pump();
        if (submitted <= AssistMaxBatch && _local is null) ReceiveResultsNow();
    }

    /// <summary>
    /// After a small batch, polls the executors' sockets on the coordinator thread for a moment and
    /// retires results from here. Waking the coordinator from a reading thread costs 35–80 µs on a
    /// 2-vCPU guest (performance.md), more than a loopback round trip.
    /// </summary>
    private void ReceiveResultsNow()
    {
        var connections = _connections;
        if (connections.Length == 0) return;
        long start = Stopwatch.GetTimestamp();
        try
        {
            while (Stopwatch.GetElapsedTime(start) < AssistSpin)
            {
                bool waiting = false;
                foreach (var connection in connections)
                {
                    if (connection.TryReceiveResultsNow()) return;
                    waiting |= connection.HasOutstanding;
                }
                if (!waiting) return;
                // NOTE: yield, not spin: when flowrex shares this vCPU, spinning would keep it from running.
                Thread.Yield();
            }
        }
        finally
        {
            foreach (var connection in connections) connection.EndAssist();
        }
    }

    /// <summary>
    /// Runs a job in flowr: one whose code cannot travel, or one an executor refused (it cannot load
    /// the module, or does not know the implementation). flowr resolved every implementation before
    /// the run, so it can always run the job itself. Any thread.
    /// </summary>
    internal void RunHere(Job job)
    {
        var here = _here ?? CreateHere();
        here.TrySubmit(job);
        here.Flush(1);
    }

    private ExecutorThreads CreateHere()
    {
        lock (_hereLock)
        {
            return _here ??= new ExecutorThreads("here", Math.Max(1, _localThreads), _options.MaxInFlight, _results);
        }
    }

    /// <summary>Sends pending jobs to executors with free credit, a chunk each in turn.</summary>
    internal void Pump()
    {
        var connections = _connections;
        if (connections.Length == 0) return;
        int start = (int)((uint)Interlocked.Increment(ref _rotation) % (uint)connections.Length);
        bool progress = true;
        while (progress && !_pending.IsEmpty)
        {
            progress = false;
            for (int i = 0; i < connections.Length; i++)
            {
                if (connections[(start + i) % connections.Length].SendFrom(_pending, SendChunk) > 0) progress = true;
            }
        }
    }

    /// <summary>Called by a connection when its results freed credit: refill it.</summary>
    internal void PumpTo(ExecutorConnection connection)
    {
        while (!_pending.IsEmpty && connection.SendFrom(_pending, SendChunk) > 0)
        {
        }
    }

    internal void Joined(ExecutorConnection connection)
    {
        lock (_connectionsLock)
        {
            _connections = [.. _connections, connection];
            ExecutorsJoined++;
        }
        Log.Info($"Executor '{connection.Name}' ({connection.Architecture}, {connection.Threads} threads, credit {connection.Capacity}) joined from {connection.RemoteEndPoint}");
        PumpTo(connection);
    }

    internal void Left(ExecutorConnection connection, string reason, List<Job> outstanding)
    {
        bool wasJoined;
        lock (_connectionsLock)
        {
            wasJoined = Array.IndexOf(_connections, connection) >= 0;
            _connections = Array.FindAll(_connections, c => c != connection);
            _all.Remove(connection);
            if (_connections.Length == 0) _noExecutorSince = Stopwatch.GetTimestamp();
        }
        // Outstanding jobs were in flight, so they fit (MpmcQueue.Enqueue).
        foreach (var job in outstanding) _pending.Enqueue(job);
        string what = wasJoined ? $"Executor '{connection.Name}'" : $"Connection from {connection.RemoteEndPoint}";
        if (Volatile.Read(ref _disposed) != 0 && outstanding.Count == 0)
        {
            Log.Debug($"{what} closed: {reason}");
            return;
        }
        var level = outstanding.Count > 0 || !wasJoined ? LogLevel.Warn : LogLevel.Info;
        Log.Write(level, outstanding.Count > 0
            ? $"{what} left ({reason}); its {outstanding.Count} outstanding job(s) will run elsewhere"
            : $"{what} closed: {reason}");
        if (outstanding.Count > 0)
        {
            _local?.Flush(outstanding.Count);
            Pump();
        }
    }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                if (Volatile.Read(ref _disposed) != 0) return;
                Log.Warn($"job service: accept failed: {error.Message}");
                continue;
            }
            if (Volatile.Read(ref _disposed) != 0)
            {
                socket.Dispose();
                return;
            }
            var connection = new ExecutorConnection(this, socket);
            lock (_connectionsLock) _all.Add(connection);
            connection.Start();
        }
    }

    /// <summary>
    /// Serves an executor over a socket this side connected (flowr invited a waiting flowrex) exactly as
    /// one accepted on the job port: the executor speaks first, with the same handshake. Any thread.
    /// </summary>
    public void Adopt(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var connection = new ExecutorConnection(this, socket);
        lock (_connectionsLock)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                socket.Dispose();
                return;
            }
            _all.Add(connection);
        }
        connection.Start();
    }

    private void TimerLoop()
    {
        while (!_stop.Wait(TimerPeriod))
        {
            foreach (var connection in _connections) connection.HeartbeatIfIdle();
            if (_local is null && _connections.Length == 0 && !_pending.IsEmpty && !_failed.IsCancellationRequested
                && Stopwatch.GetElapsedTime(Interlocked.Read(ref _noExecutorSince)) >= _options.ExecutorTimeout)
            {
                FailureReason = ExecutorsJoined == 0
                    ? $"no executor joined within {_options.ExecutorTimeout.TotalSeconds:0.#} s (flowr -t 0 runs library jobs only on flowrex executors; start one, or raise --executor-timeout)"
                    : $"every executor left and none joined within {_options.ExecutorTimeout.TotalSeconds:0.#} s";
                _failed.Cancel();
            }
        }
    }

    /// <summary>Tells every executor the flow is done, closes the job port and stops the local threads.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _listener.Dispose();
        _stop.Set();
        ExecutorConnection[] all;
        lock (_connectionsLock) all = [.. _all];
        foreach (var connection in all) connection.SendDone();
        foreach (var connection in all) connection.WaitClosed(TimeSpan.FromSeconds(2));
        _acceptThread.Join(TimeSpan.FromSeconds(1));
        _timerThread.Join(TimeSpan.FromSeconds(1));
        _local?.Dispose();
        _here?.Dispose();
        _failed.Dispose();
        _stop.Dispose();
    }
}
