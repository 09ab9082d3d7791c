// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flowr.Runtime.Crypto;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Execution.Queues;
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Distribution;

/// <summary>
/// The library job sink of a run that remote executors (flowrex) can join: a TCP job port, local executor
/// threads (when there are any), and remote executor connections. Each job goes where it should finish
/// first: flowr's own threads keep every job they would start before an executor could return it; the
/// others go to a shared queue that executors take from within their window, and that idle local threads
/// take from too. Jobs outstanding on a connection that drops, or held past their deadline, run elsewhere.
/// </summary>
public sealed partial class JobService : IJobSink, IDisposable
{
    /// <summary>Jobs sent to one executor per round, so several executors share a batch.</summary>
    private const int SendChunk = 128;
    /// <summary>A dispatch batch this small is latency-bound (a chain): the coordinator waits for its results itself.</summary>
    private const int AssistMaxBatch = 4;
    /// <summary>How long the coordinator thread polls for results after such a batch; about two loopback round trips.</summary>
    private static readonly TimeSpan AssistSpin = TimeSpan.FromMicroseconds(300);
    /// <summary>
    /// A job leaves flowr only when an executor would finish it this much sooner than flowr's own threads:
    /// estimates are rough, and a job that comes back late holds up every job created after it.
    /// </summary>
    private const double PlacementMarginNanoseconds = 200_000;

    private readonly ResultQueue _results;
    private readonly JobServiceOptions _options;
    /// <summary>Jobs executors may take (and idle local threads).</summary>
    private readonly MpmcQueue<Job> _shared;
    /// <summary>Jobs only local threads take.</summary>
    private readonly MpmcQueue<Job>? _localQueue;
    private readonly ExecutorThreads? _local;
    private readonly int _localThreads;
    private readonly ExecutorStats? _localStats;
    private readonly ExecutorStats _hereStats = new("flowr", "jobs that run in flowr: refused, too big to send, or late elsewhere");
    private readonly Lock _hereLock = new();
    /// <summary>Threads for jobs that run in flowr whatever executors there are: see <see cref="RunHere"/>.</summary>
    private volatile ExecutorThreads? _here;
    private int _hereSubmitted;
    private int _localSubmitted;
    /// <summary>Jobs put in the shared queue since the last flush (coordinator thread only).</summary>
    private int _sharedSubmitted;
    private long _localQueuedNanoseconds;
    private long _sharedQueuedNanoseconds;

    /// <param name="results">Where finished jobs go.</param>
    /// <param name="implementationLocations">The implementation URL of every function, by function id.</param>
    /// <param name="localThreads">Local executor threads; 0 means every library job runs remotely.</param>
    /// <param name="options">Port, timeout, key and limits.</param>
    /// <param name="implementations">
    /// The resolved implementation of every function, by function id: WebAssembly functions among them
    /// travel to executors as modules. Null: only flowstdlib jobs leave.
    /// </param>
    public JobService(ResultQueue results, IReadOnlyList<string> implementationLocations, int localThreads, JobServiceOptions options,
        IReadOnlyList<IFunctionImplementation>? implementations = null)
    {
        _results = results;
        _options = options;
        RunId = options.RunId ?? Convert.ToHexStringLower(SecureRandom.GetBytes(8));
        Key = options.Key;
        Wire = WireImplementations.Plan(implementationLocations, implementations);
        Costs = new ImplementationCosts(Wire.Urls.Length);
        _shared = new MpmcQueue<Job>(options.MaxInFlight * 2);
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
        if (localThreads > 0)
        {
            _localStats = new ExecutorStats("local", $"{localThreads} thread(s) in flowr") { JobsPerThread = new long[localThreads] };
            _localQueue = new MpmcQueue<Job>(options.MaxInFlight * 2);
            _local = new ExecutorThreads("executor", localThreads, _localQueue, results, _shared, new LocalObserver(this, _localStats, accounts: true));
        }
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "job-service-accept" };
        _acceptThread.Start();
        _timerThread = new Thread(TimerLoop) { IsBackground = true, Name = "job-service-timer" };
        _timerThread.Start();
    }

    /// <summary>The TCP port executors connect to.</summary>
    public int Port { get; }

    /// <summary>Random id of this run, advertised as TXT <c>run</c>.</summary>
    public string RunId { get; }

    internal ResultQueue Results => _results;
    internal int MaxInFlight => _options.MaxInFlight;
    internal long MaxMessageLength => _options.MaxMessageLength;
    internal PresharedKey? Key { get; }
    internal WireImplementations Wire { get; }
    internal ImplementationCosts Costs { get; }
    internal bool HasLocalThreads => _local is not null;
    internal bool LocalThreadsUseEveryProcessor => _local is not null && _localThreads >= MachineProcessors.Count;

    public bool TrySubmit(Job job)
    {
        if (Wire.LocalOnly[job.FunctionId])
        {
            _hereSubmitted++;
            return _here!.TrySubmit(job);
        }
        int implementation = Wire.IdOfFunction[job.FunctionId];
        double mean = Costs.MeanNanoseconds(implementation);
        long cost = double.IsNaN(mean) ? 0 : (long)mean;
        job.PlacementCost = cost;
        // A WebAssembly function not timed yet may be costly (that is why it is a module): it goes to the
        // shared queue, which remote executors and idle local threads both take from, and its first results
        // teach its cost. A flowstdlib function not timed yet is cheap: it stays here.
        bool remote = double.IsNaN(mean) ? Wire.Shipped[implementation] is not null && _connections.Length > 0 : GoesRemote(cost);
        // NOTE: at most MaxInFlight jobs are in flight, in queues of twice that (MpmcQueue.Enqueue).
        if (_local is not null && !remote)
        {
            Interlocked.Add(ref _localQueuedNanoseconds, cost);
            _localQueue!.Enqueue(job);
            _localSubmitted++;
            return true;
        }
        Interlocked.Add(ref _sharedQueuedNanoseconds, cost);
        _shared.Enqueue(job);
        _sharedSubmitted++;
        return true;
    }

    /// <summary>
    /// Where a job of <paramref name="cost"/> finishes first: here, after the work already queued for the
    /// local threads, or on the executor with the earliest round trip plus queued work.
    /// </summary>
    private bool GoesRemote(long cost)
    {
        var connections = _connections;
        if (connections.Length == 0 || cost == 0) return false;
        double local = (double)(Interlocked.Read(ref _localQueuedNanoseconds) + Interlocked.Read(ref _sharedQueuedNanoseconds)) / _localThreads + cost;
        double best = double.MaxValue;
        foreach (var connection in connections)
        {
            double rtt = connection.RoundTripNanoseconds;
            if (double.IsNaN(rtt)) continue;
            best = Math.Min(best, rtt + (double)connection.OutstandingNanoseconds / connection.Threads + cost);
        }
        return local > best + PlacementMarginNanoseconds;
    }

    public void Flush(int submitted)
    {
        if (submitted <= 0) return;
        if (_hereSubmitted > 0)
        {
            _here!.Flush(_hereSubmitted);
            _hereSubmitted = 0;
        }
        if (_localSubmitted > 0)
        {
            _local!.Flush(_localSubmitted);
            _localSubmitted = 0;
        }
        Pump();
        // Idle local threads take what no executor took: as many wake as jobs went there (a single one
        // would run a batch of costly jobs alone while the others sleep).
        if (_local is not null && !_shared.IsEmpty) _local.Wake(Math.Max(1, _sharedSubmitted));
        _sharedSubmitted = 0;
        if (submitted <= AssistMaxBatch && _local is null) ReceiveResultsNow();
    }

    /// <summary>
    /// After a small batch, polls the executors' sockets on the coordinator thread for a moment and
    /// retires results from here. Waking the coordinator from a reading thread costs 35–80 µs on a
    /// 2-vCPU guest, more than a loopback round trip.
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
    /// Runs a job in flowr: one whose code cannot travel, one an executor refused (it cannot load the
    /// module, or does not know the implementation), one too big to send, or a copy of one held past its
    /// deadline. flowr resolved every implementation before the run, so it can always run the job itself.
    /// Any thread.
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
            return _here ??= new ExecutorThreads("here", Math.Max(1, _localThreads), new MpmcQueue<Job>(_options.MaxInFlight * 4), _results,
                observer: new LocalObserver(this, _hereStats, accounts: false));
        }
    }

    /// <summary>Sends shared jobs to executors with room in their window, a chunk each in turn.</summary>
    internal void Pump()
    {
        var connections = _connections;
        if (connections.Length == 0) return;
        int start = (int)((uint)Interlocked.Increment(ref _rotation) % (uint)connections.Length);
        bool progress = true;
        while (progress && !_shared.IsEmpty)
        {
            progress = false;
            for (int i = 0; i < connections.Length; i++)
            {
                if (connections[(start + i) % connections.Length].SendFrom(_shared, SendChunk) > 0) progress = true;
            }
        }
    }

    /// <summary>Called by a connection when its results freed room: refill it.</summary>
    internal void PumpTo(ExecutorConnection connection)
    {
        while (!_shared.IsEmpty && connection.SendFrom(_shared, SendChunk) > 0)
        {
        }
        if (_local is not null && !_shared.IsEmpty) _local.Wake(1);
    }

    /// <summary>A connection took a job from the shared queue.</summary>
    internal void TakenFromShared(Job job) => Interlocked.Add(ref _sharedQueuedNanoseconds, -job.PlacementCost);

    /// <summary>Puts a job back in the shared queue (its executor left before running it).</summary>
    internal void Requeue(Job job)
    {
        Interlocked.Add(ref _sharedQueuedNanoseconds, job.PlacementCost);
        // NOTE: it was in flight, so it fits (MpmcQueue.Enqueue).
        _shared.Enqueue(job);
    }

    /// <summary>What each executor did, local threads first, for <c>flowr -m</c>.</summary>
    public IReadOnlyList<ExecutorReport> ExecutorReports()
    {
        var reports = new List<ExecutorReport>();
        if (_localStats is not null) reports.Add(_localStats.Report());
        if (Interlocked.Read(ref _hereStats.JobsRun) > 0) reports.Add(_hereStats.Report());
        lock (_connectionsLock)
        {
            foreach (var stats in _joinedStats) reports.Add(stats.Report());
        }
        return reports;
    }

    /// <summary>Counts what local threads run and learns run times; with <c>accounts</c>, keeps the queued-work estimates.</summary>
    private sealed class LocalObserver(JobService service, ExecutorStats stats, bool accounts) : IExecutionObserver
    {
        public void Taken(Job job, bool stolen, int thread)
        {
            if (accounts) Interlocked.Add(ref stolen ? ref service._sharedQueuedNanoseconds : ref service._localQueuedNanoseconds, -job.PlacementCost);
            Interlocked.Increment(ref stats.JobsRun);
            if (stats.JobsPerThread is { } each) Interlocked.Increment(ref each[thread]);
        }

        public void Timed(Job job, long elapsedTicks)
        {
            long nanoseconds = (long)Stopwatch.GetElapsedTime(0, elapsedTicks).TotalNanoseconds;
            service.Costs.Record(service.Wire.IdOfFunction[job.FunctionId], nanoseconds);
            Interlocked.Add(ref stats.TimedNanoseconds, nanoseconds);
            Interlocked.Increment(ref stats.TimedJobs);
        }
    }
}
