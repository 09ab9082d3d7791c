// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net.Sockets;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Distribution;

// The job port, executors joining and leaving, and the timer (pings, deadlines, the executor timeout).
public sealed partial class JobService
{
    /// <summary>Connections still in their handshake at once; more are closed as they come (a flood of them must not cost memory).</summary>
    private const int MaxUnauthenticated = 16;
    private static readonly TimeSpan TimerPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PingPeriod = TimeSpan.FromMilliseconds(250);

    private readonly Socket _listener;
    private readonly Thread _acceptThread;
    private readonly Thread _timerThread;
    private readonly Lock _connectionsLock = new();
    private readonly CancellationTokenSource _failed = new();
    private readonly ManualResetEventSlim _stop = new();
    /// <summary>Connections past their handshake, in the order they joined.</summary>
    private volatile ExecutorConnection[] _connections = [];
    private readonly List<ExecutorConnection> _all = [];
    private readonly List<ExecutorStats> _joinedStats = [];
    private long _noExecutorSince = Stopwatch.GetTimestamp();
    private int _unauthenticated;
    private long _refusedConnections;
    private int _rotation;
    private int _disposed;

    /// <summary>Cancelled when the run cannot go on (no executor joined in time); see <see cref="FailureReason"/>.</summary>
    public CancellationToken Failed => _failed.Token;

    /// <summary>Why <see cref="Failed"/> was cancelled.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>Remote executors connected now.</summary>
    public int ExecutorCount => _connections.Length;

    /// <summary>
    /// Waits, up to <paramref name="limit"/>, until <paramref name="count"/> of the executors connected have
    /// compiled the flow's WebAssembly modules (they answered the ping sent after them), so that a flow held
    /// for them does not start while they compile. True when they have.
    /// </summary>
    public bool WaitUntilWarm(int count, TimeSpan limit)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_connections.Count(c => c.IsWarm) < count)
        {
            if (waited.Elapsed >= limit) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    /// <summary>Remote executors that joined since the start.</summary>
    public int ExecutorsJoined { get; private set; }

    /// <summary>
    /// Serves an executor connection this side opened (an executor found waiting, which then speaks exactly
    /// as if it had connected to the job port). Any thread.
    /// </summary>
    public void Adopt(Socket socket) => Serve(socket);

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
            Serve(socket);
        }
    }

    private void Serve(Socket socket)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            socket.Dispose();
            return;
        }
        if (Interlocked.Increment(ref _unauthenticated) > MaxUnauthenticated)
        {
            Interlocked.Decrement(ref _unauthenticated);
            if (Interlocked.Increment(ref _refusedConnections) % 1000 == 1)
            {
                Log.Warn($"job service: {MaxUnauthenticated} connections are already in their handshake; closing new ones ({Interlocked.Read(ref _refusedConnections)} so far)");
            }
            socket.Dispose();
            return;
        }
        var connection = new ExecutorConnection(this, socket);
        lock (_connectionsLock) _all.Add(connection);
        connection.Start();
    }

    internal void Joined(ExecutorConnection connection)
    {
        Interlocked.Decrement(ref _unauthenticated);
        lock (_connectionsLock)
        {
            _connections = [.. _connections, connection];
            _joinedStats.Add(connection.Stats);
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
            if (_connections.Length == 0) Interlocked.Exchange(ref _noExecutorSince, Stopwatch.GetTimestamp());
        }
        if (!wasJoined) Interlocked.Decrement(ref _unauthenticated);
        foreach (var job in outstanding) Requeue(job);
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
            _local?.Wake(outstanding.Count);
            Pump();
        }
    }

    private void TimerLoop()
    {
        long lastPing = 0;
        while (!_stop.Wait(TimerPeriod))
        {
            long now = Stopwatch.GetTimestamp();
            bool ping = Stopwatch.GetElapsedTime(lastPing, now) >= PingPeriod;
            if (ping) lastPing = now;
            foreach (var connection in _connections)
            {
                // A ping is also the heartbeat: it goes whether or not jobs were sent.
                if (ping) connection.SendPing();
                connection.CheckDeadlines(now);
            }
            if (_local is null && _connections.Length == 0 && !_shared.IsEmpty && !_failed.IsCancellationRequested
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
