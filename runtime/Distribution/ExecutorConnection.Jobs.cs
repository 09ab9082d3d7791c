// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Distribution;

// Jobs out, results in, the window and refusals.
internal sealed partial class ExecutorConnection
{
    /// <summary>Jobs frames are cut at about this size so a batch of big values streams.</summary>
    private const int FrameCut = 256 * 1024;
    /// <summary>A job is re-dispatched when held longer than this many times its implementation's 99th percentile…</summary>
    private const int DeadlineFactor = 20;
    /// <summary>…and never sooner than this.</summary>
    private static readonly TimeSpan MinimumDeadline = TimeSpan.FromSeconds(1);
    /// <summary>Deadline of an implementation never seen to finish.</summary>
    private static readonly TimeSpan UnknownDeadline = TimeSpan.FromSeconds(2);
    /// <summary>Missed deadlines after which the executor is dropped.</summary>
    private const int MaxMissedDeadlines = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, Outstanding> _outstanding = [];
    private readonly Lock _sendGate = new();
    private readonly FrameBuffer _sendBuffer = new();
    private readonly Job[] _scratch = new Job[256];
    private readonly bool[] _implementationSent;
    /// <summary>By implementation id: the executor refused it, so its jobs run in flowr (<see cref="JobService.RunHere"/>).</summary>
    private readonly bool[] _refused;
    private readonly HashSet<string> _modulesSent = new(StringComparer.Ordinal);
    private readonly List<long> _late = [];
    private long _maxMessageToExecutor = ProtocolConstants.MaxFrameLength;
    private long _outstandingNanoseconds;
    private double _meanJobNanoseconds = double.NaN;
    private int _missedDeadlines;
    /// <summary>The executor answered the ping sent after the modules: it has compiled them.</summary>
    private volatile bool _warm;
    /// <summary>Jobs still held here past their deadline (run in flowr too): they no longer take a place in the window.</summary>
    private int _lateHeld;
    private int _retiredCount;

    /// <summary>A job on this connection: when it went, when it is late, what it was estimated to cost.</summary>
    private struct Outstanding
    {
        public Job Job;
        public long SentAt;
        public long Deadline;
        public long Cost;
        public bool Duplicated;
    }

    /// <summary>Moving mean round trip in nanoseconds; NaN before the first pong.</summary>
    public double RoundTripNanoseconds => Volatile.Read(ref Stats.RoundTripNanoseconds);

    /// <summary>Estimated run time of the jobs this executor holds, in nanoseconds.</summary>
    public long OutstandingNanoseconds => Interlocked.Read(ref _outstandingNanoseconds);

    public bool HasOutstanding
    {
        get
        {
            lock (_gate) return _outstanding.Count > 0;
        }
    }

    /// <summary>
    /// Jobs worth keeping on this executor. Beside local threads: enough to cover a round trip and keep its
    /// threads busy, and no more, within its credit (a deeper queue there only delays jobs the local threads
    /// could run). With no local threads: its share of its credit, so that a burst of jobs (with predicted
    /// results a whole flow's jobs may be ready at once) is not all taken by the first executor to ask.
    /// </summary>
    private int Window
    {
        get
        {
            // With no local threads there is nobody else to run the jobs: each executor may hold its share of
            // its credit (a deep queue keeps a fast stream of small jobs going; sharing it leaves some for the others).
            if (!_service.HasLocalThreads) return Math.Max(Math.Min(Capacity, 2 * Threads), Capacity / Math.Max(1, _service.ExecutorCount));
            if (!_warm) return 0;
            // NOTE: an executor on this machine adds no processor when flowr's own threads already use them all;
            // its jobs would only take turns with them, and pay the trip.
            if (SameHost && _service.LocalThreadsUseEveryProcessor) return 0;
            double rtt = RoundTripNanoseconds, job = Volatile.Read(ref _meanJobNanoseconds);
            if (double.IsNaN(rtt) || double.IsNaN(job)) return Math.Min(Capacity, 2 * Threads);
            // One running and enough queued to cover the trip back; any more only waits there at the end of a flow.
            double perThread = 1 + Math.Ceiling(rtt / Math.Max(job, 1_000));
            // NOTE: an executor may offer less credit than two jobs a thread.
            return (int)Math.Clamp(Threads * perThread, Math.Min(2 * Threads, Capacity), Capacity);
        }
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> jobs from <paramref name="pending"/>, within the window, and sends
    /// them. Returns how many were taken. A failed send closes the socket; the reader then requeues them.
    /// </summary>
    public int SendFrom(MpmcQueue<Job> pending, int max)
    {
        lock (_sendGate)
        {
            if (_closed || _phase != Phase.Running) return 0;
            int free;
            lock (_gate) free = Window - (_outstanding.Count - _lateHeld);
            int want = Math.Min(Math.Min(free, max), _scratch.Length);
            int taken = 0;
            while (taken < want && pending.TryDequeue(out var job))
            {
                _service.TakenFromShared(job);
                if (job.IsClaimed) continue;   // a copy sent after a missed deadline already answered
                if (Volatile.Read(ref _refused[_service.Wire.IdOfFunction[job.FunctionId]])) _service.RunHere(job);
                else _scratch[taken++] = job;
            }
            if (taken == 0) return 0;
            long now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                if (_closed)
                {
                    for (int i = 0; i < taken; i++) _service.Requeue(_scratch[i]);
                    Array.Clear(_scratch, 0, taken);
                    return 0;
                }
                int ahead = _outstanding.Count;
                for (int i = 0; i < taken; i++)
                {
                    var job = _scratch[i];
                    _outstanding[job.Id] = new Outstanding { Job = job, SentAt = now, Deadline = now + DeadlineTicks(job, ahead + i), Cost = job.PlacementCost };
                    _outstandingNanoseconds += job.PlacementCost;
                }
            }
            Encode(taken);
            Array.Clear(_scratch, 0, taken);
            try
            {
                _socket.Send(_sendBuffer.WrittenSpan);
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException or ProtocolException)
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

    // | 6 | results | ex → co | varint job id, u8 flags, varint run time, value if 1, string if 4 |
    private void OnResults(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        int retired = 0;
        int answered = 0;
        while (!reader.IsAtEnd)
        {
            long id = JobCodec.ReadResultId(ref reader);
            var outcome = JobCodec.ReadOutcome(ref reader, out bool refusal, out long runNanoseconds, out long heldNanoseconds);
            Outstanding entry;
            bool found;
            lock (_gate)
            {
                found = _outstanding.Remove(id, out entry);
                if (found)
                {
                    _outstandingNanoseconds -= entry.Cost;
                    if (entry.Duplicated) _lateHeld--;
                }
            }
            if (!found)
            {
                // A result counts only for a job outstanding on this connection, once.
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Ignoring a result for Job#{id}, not outstanding on executor '{Name}'");
                continue;
            }
            answered++;
            var job = entry.Job;
            // The round trip is the job's time away less the time the executor held it.
            double away = Stopwatch.GetElapsedTime(entry.SentAt).TotalNanoseconds;
            if (heldNanoseconds > 0 && heldNanoseconds < away) LearnRoundTrip(away - heldNanoseconds);
            if (refusal)
            {
                Interlocked.Increment(ref Stats.Refusals);
                if (!job.IsClaimed && job.Id == id) Refused(job, outcome.Error!);
                continue;
            }
            Learn(job, runNanoseconds);
            var final = outcome.IsError ? JobOutcome.Fail(ErrorMessage(job, outcome.Error!)) : outcome;
            // NOTE: a copy run in flowr after a missed deadline may have answered first; then this one is dropped.
            if (!job.TryClaim(id)) continue;
            job.Outcome = final;
            _service.Results.Post(job);
            retired++;
        }
        if (retired > 0) Interlocked.Add(ref _retiredCount, retired);
        if (answered > 0) _service.PumpTo(this);
    }

    private void Learn(Job job, long runNanoseconds)
    {
        Interlocked.Increment(ref Stats.JobsRun);
        Interlocked.Add(ref Stats.TimedNanoseconds, runNanoseconds);
        Interlocked.Increment(ref Stats.TimedJobs);
        _service.Costs.Record(_service.Wire.IdOfFunction[job.FunctionId], runNanoseconds);
        double mean = Volatile.Read(ref _meanJobNanoseconds);
        Volatile.Write(ref _meanJobNanoseconds, double.IsNaN(mean) ? runNanoseconds : mean + (runNanoseconds - mean) * 0.05);
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

    /// <summary>The jobs still out when the connection ends, to run elsewhere; copies already answered are left out.</summary>
    private List<Job> TakeOutstanding()
    {
        var jobs = new List<Job>();
        lock (_gate)
        {
            _closed = true;
            foreach (var (id, entry) in _outstanding)
            {
                if (!entry.Job.IsClaimed && entry.Job.Id == id) jobs.Add(entry.Job);
            }
            _outstanding.Clear();
            _outstandingNanoseconds = 0;
            _lateHeld = 0;
        }
        Interlocked.Add(ref Stats.Redispatched, jobs.Count);
        return jobs;
    }

    private void Encode(int count)
    {
        _sendBuffer.Clear();
        _sendBuffer.MaxMessageLength = _maxMessageToExecutor;
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
            int before = _sendBuffer.Length;
            try
            {
                var writer = new ProtocolWriter(_sendBuffer);
                JobCodec.WriteJob(ref writer, job.Id, implementation, job.Inputs);
            }
            catch (ProtocolException)
            {
                // Its inputs are more than the executor takes in one message: flowr runs it itself.
                _sendBuffer.Truncate(before);
                lock (_gate)
                {
                    if (_outstanding.Remove(job.Id, out var entry)) _outstandingNanoseconds -= entry.Cost;
                }
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Job#{job.Id} is too big for executor '{Name}'; it runs in flowr");
                _service.RunHere(job);
                continue;
            }
            if (_sendBuffer.CurrentFrameLength >= FrameCut)
            {
                _sendBuffer.EndFrame();
                open = false;
            }
        }
        if (open)
        {
            if (_sendBuffer.CurrentFrameLength == 1) _sendBuffer.CancelFrame();   // only its type byte: every job went elsewhere
            else _sendBuffer.EndFrame();
        }
    }
}
