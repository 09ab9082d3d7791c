// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

// Liveness: modules and the warm-up ping as an executor joins, round trips, done, and job deadlines.
internal sealed partial class ExecutorConnection
{
    /// <summary>
    /// As the executor joins: sends every WebAssembly module of the flow with its implementation, then a
    /// ping. The executor compiles each module as it arrives (tens of ms) and answers the ping after, so
    /// the compiling happens before any job, not in front of the first ones; until that first pong, an
    /// executor beside local threads is given no jobs (<see cref="Window"/>).
    /// </summary>
    public void SendModulesAndPing()
    {
        if (_closed || _phase != Phase.Running) return;
        lock (_sendGate)
        {
            try
            {
                _sendBuffer.Clear();
                _sendBuffer.MaxMessageLength = _maxMessageToExecutor;
                var wire = _service.Wire;
                for (int implementation = 0; implementation < wire.Urls.Length; implementation++)
                {
                    if (wire.Shipped[implementation] is not { } wasm || _implementationSent[implementation]) continue;
                    int before = _sendBuffer.Length;
                    try
                    {
                        if (!_modulesSent.Contains(wasm.Module.Sha256)) WasmModuleTransfer.WriteModule(_sendBuffer, wasm.Module, wasm.Options);
                    }
                    catch (ProtocolException)
                    {
                        // More than the executor takes in one message: its first job will meet the same and run in flowr.
                        _sendBuffer.Truncate(before);
                        continue;
                    }
                    _modulesSent.Add(wasm.Module.Sha256);
                    ControlMessages.WriteImplementation(_sendBuffer, implementation, wire.Urls[implementation]);
                    _implementationSent[implementation] = true;
                }
                ControlMessages.WritePing(_sendBuffer, MessageType.Ping, (ulong)Stopwatch.GetTimestamp());
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                Log.Debug($"send to executor '{Name}' failed: {error.Message}");
                _socket.Shutdown();
            }
        }
    }

    /// <summary>A ping (which is also the heartbeat): the executor's pong measures the round trip.</summary>
    public void SendPing()
    {
        if (_closed || _phase != Phase.Running) return;
        lock (_sendGate)
        {
            try
            {
                _sendBuffer.Clear();
                ControlMessages.WritePing(_sendBuffer, MessageType.Ping, (ulong)Stopwatch.GetTimestamp());
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                _socket.Shutdown();
            }
        }
    }

    private void OnPong(ulong stamp)
    {
        long now = Stopwatch.GetTimestamp();
        if (stamp > (ulong)now) throw new ProtocolException("a pong for a ping never sent");
        if (!_warm)
        {
            // The first pong came after the modules were compiled: it says the executor is ready, not how far it is.
            _warm = true;
            SendPing();
            _service.PumpTo(this);
            return;
        }
        // NOTE: an executor busy with jobs answers a ping late: then results measure the round trip instead.
        if (HasOutstanding && !double.IsNaN(RoundTripNanoseconds)) return;
        LearnRoundTrip(Stopwatch.GetElapsedTime((long)stamp, now).TotalNanoseconds);
    }

    private void LearnRoundTrip(double sample)
    {
        double mean = Volatile.Read(ref Stats.RoundTripNanoseconds);
        Volatile.Write(ref Stats.RoundTripNanoseconds, double.IsNaN(mean) ? sample : mean + (sample - mean) * 0.1);
    }

    /// <summary>Sends <c>done</c>; the executor then closes its side and the reader ends.</summary>
    public void SendDone()
    {
        lock (_sendGate)
        {
            if (_closed) return;
            if (_phase != Phase.Running)
            {
                _socket.Shutdown();
                return;
            }
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

    /// <summary>
    /// Called by the job service's timer: a job held far longer than its implementation takes is also run
    /// in flowr (the first result wins); an executor that keeps missing deadlines is dropped.
    /// </summary>
    public void CheckDeadlines(long now)
    {
        lock (_gate)
        {
            foreach (var (id, entry) in _outstanding)
            {
                if (!entry.Duplicated && now > entry.Deadline) _late.Add(id);
            }
            foreach (long id in _late) CollectionsMarshal.GetValueRefOrNullRef(_outstanding, id).Duplicated = true;
            _lateHeld += _late.Count;
        }
        if (_late.Count == 0) return;
        int missed = 0;
        foreach (long id in _late)
        {
            Job job;
            lock (_gate)
            {
                if (!_outstanding.TryGetValue(id, out var entry)) continue;
                job = entry.Job;
            }
            if (job.IsClaimed || job.Id != id) continue;
            missed++;
            Interlocked.Increment(ref Stats.Redispatched);
            _service.RunHere(job);
        }
        _late.Clear();
        if (missed == 0) return;
        int total = Interlocked.Add(ref _missedDeadlines, missed);
        Log.Warn($"Executor '{Name}' held {missed} job(s) past their deadline; they run in flowr too");
        if (total >= MaxMissedDeadlines) Close($"missed {total} job deadlines");
    }

    private long DeadlineTicks(Job job, int ahead)
    {
        double p99 = _service.Costs.P99Nanoseconds(_service.Wire.IdOfFunction[job.FunctionId]);
        TimeSpan deadline = double.IsNaN(p99)
            ? UnknownDeadline
            : TimeSpan.FromTicks((long)Math.Min(TimeSpan.MaxValue.Ticks / 2.0, DeadlineFactor * p99 / 100 * (1 + ahead / (double)Threads)));
        if (deadline < MinimumDeadline) deadline = MinimumDeadline;
        return (long)(deadline.TotalSeconds * Stopwatch.Frequency);
    }

}
