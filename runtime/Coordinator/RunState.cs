// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// All the run state of one flow and the rules that change it (docs/runtime.md): readiness, job
/// creation, retiring results, initializers, blocking and flow-idle unblocking, and pipelined jobs.
/// It has no threads and no queues of its own, so tests drive it job by job. Only one thread may
/// use an instance.
/// </summary>
/// <remarks>
/// Two kinds of run state work together (docs/runtime.md, "Pipelined jobs"). A committed state retires
/// jobs strictly in the order they were created, and after each retirement creates every job it can before
/// the next; with one job outstanding it is the one-job-at-a-time run, and what it does is a function of
/// the flow alone. Its context jobs run on the calling thread when their turn comes. A speculative state
/// (<see cref="RunStateOptions.Speculative"/>, <c>RunState.Speculating.cs</c>) runs ahead with many jobs in
/// flight, retiring each function's jobs in their order; the committed state takes its results when the
/// inputs match (<see cref="TryTakePrediction"/>), so the run is the one-job-at-a-time run, only faster.
/// </remarks>
public sealed partial class RunState
{
    private readonly RuntimeFunction[] _functions;
    private readonly RunStateOptions _options;
    private readonly IntFifo _ready = new();
    private readonly HashSet<Block> _blocks = [];
    private readonly int[] _flowIndex;            // function id → dense flow index
    private readonly int[] _flowBusy;             // busy entries per flow
    private readonly List<int>[] _flowBlocks;     // flow_blocks: functions with a job since the flow was last idle
    private readonly List<int>[] _functionsOfFlow;
    private readonly Random _random;
    /// <summary>Every job from its creation to its retirement, at <c>id &amp; _windowMask</c>.</summary>
    private readonly Job?[] _window;
    private readonly int _windowMask;
    /// <summary>Jobs that may be outstanding at once: <c>-j</c>, else <see cref="RunStateOptions.MaxInFlight"/>.</summary>
    private int _maxOutstanding;   // [debugger] changed through Window
    /// <summary>Jobs created for executors and not yet taken by the coordinator.</summary>
    private readonly JobFifo _outbox;
    private readonly List<Job> _discarding = [];
    /// <summary>Speculative state: functions with a job just completed, whose finished jobs may now retire.</summary>
    private readonly IntFifo _completed = new();
    private readonly bool _speculative;
    private long _lastId;
    /// <summary>Where a speculation's job ids start; the committed run's count from 1, as upstream's do.</summary>
    internal const long SpeculativeIds = 1L << 40;
    private long _oldestId = 1;
    private int _outstanding;
    private int _generation;
    private bool _retiring;
    private readonly bool _predict;

    public RunState(FlowManifest manifest, IReadOnlyList<IFunctionImplementation> implementations, RunStateOptions? options = null)
    {
        _options = options ?? new RunStateOptions();
        _speculative = _options.Speculative;
        _predict = _speculative && _options.PredictLibraryResults;
        _random = new Random(_options.Seed);
        int count = manifest.Functions.Count;
        if (implementations.Count != count) throw new ArgumentException("one implementation per function is needed", nameof(implementations));
        _functions = new RuntimeFunction[count];
        var flowIds = new Dictionary<int, int>();
        // Only a speculation that predicts needs to know the loops.
        bool[]? onCycle = _predict ? FunctionCycles.OnCycle(manifest.Functions) : null;
        _flowIndex = new int[count];
        for (int i = 0; i < count; i++)
        {
            var spec = manifest.Functions[i];
            if (spec.Id != i) throw new ArgumentException($"function at index {i} has id {spec.Id}", nameof(manifest));
            _functions[i] = new RuntimeFunction(spec, implementations[i], onCycle?[i] == true);
            if (!flowIds.TryGetValue(spec.FlowId, out int flow)) flowIds[spec.FlowId] = flow = flowIds.Count;
            _flowIndex[i] = flow;
        }
        _flowBusy = new int[flowIds.Count];
        _flowBlocks = new List<int>[flowIds.Count];
        _functionsOfFlow = new List<int>[flowIds.Count];
        for (int f = 0; f < flowIds.Count; f++)
        {
            _flowBlocks[f] = [];
            _functionsOfFlow[f] = [];
        }
        for (int i = 0; i < count; i++) _functionsOfFlow[_flowIndex[i]].Add(i);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxInFlight, 1);
        _maxOutstanding = _options.MaxJobs > 0 ? Math.Min(_options.MaxJobs, _options.MaxInFlight) : _options.MaxInFlight;
        // Only a committed state keeps its jobs in creation order; the outbox grows when it must.
        _window = new Job?[_speculative ? 1 : BitOperations.RoundUpToPowerOf2((uint)_maxOutstanding)];
        _windowMask = _window.Length - 1;
        _outbox = new JobFifo(Math.Min(_maxOutstanding, 64));
        WindowCapacity = _maxOutstanding;
        Metrics = new RunMetrics { NumberOfFunctions = count };
    }

    public RunMetrics Metrics { get; }

    /// <summary>
    /// Jobs created and not yet retired: running, waiting for an executor, or waiting for their turn to retire
    /// (in a speculative state, also those retired and not yet taken by the committed state).
    /// </summary>
    public int RunningJobs => _outstanding;

    /// <summary>
    /// Set when a context job ran that changed the flow in a way a speculation cannot foresee (it produced
    /// values, failed or ended); whoever runs a speculation beside this state restarts it and clears this.
    /// </summary>
    public bool ContextChangedFlow { get; set; }

    /// <summary>Jobs created for executors that <see cref="TryTakeJob"/> has not handed out yet.</summary>
    public int JobsToDispatch => _outbox.Count;

    /// <summary>Ready entries waiting to become jobs.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>The flow is over: no job outstanding and nothing ready.</summary>
    public bool IsFinished => _outstanding == 0 && _ready.Count == 0;

    /// <summary>The function spec of <paramref name="functionId"/>.</summary>
    public FunctionSpec Function(int functionId) => _functions[functionId].Spec;

    /// <summary>
    /// Clears all inputs, applies initializers the first time, makes ready, in id order, every
    /// function that can run, and creates the first jobs. Jobs of an earlier run that are still out
    /// are ignored when they come back.
    /// </summary>
    public void Init()
    {
        Metrics.ResetCounts();
        _generation++;
        _ready.Clear();
        _blocks.Clear();
        Array.Clear(_window);
        _outbox.Clear();
        _lastId = 0;
        _oldestId = 1;
        _outstanding = 0;
        Array.Clear(_flowBusy);
        foreach (var list in _flowBlocks) list.Clear();
        foreach (var function in _functions)
        {
            DropLegacy(function);
            function.InFlight = 0;
            function.JobsCreated = 0;
            function.OldestJob = function.YoungestJob = function.OldestUnretired = null;
            function.Completed = false;
            function.InBlockedSet = false;
            function.BlockedByCount = 0;
            function.Busy = 0;
            function.QueuedEntries = 0;
            function.InFlowBlocks = false;
            function.BlocksHeld.Clear();
            foreach (var input in function.Inputs)
            {
                input.Clear();
                input.Initialize(firstTime: true, flowIdle: false);
            }
        }
        foreach (var function in _functions)
        {
            if (function.CanRun) MakeReady(function);
        }
        _observer?.RunStarted();
        CreateJobs();
        if (_speculative) RetireCompleted();
        else RetireInOrder();
    }

    /// <summary>
    /// Hands out the next job created for an executor (library and provided functions), oldest first.
    /// Context jobs are never handed out: they run inside <see cref="Complete"/> when their turn comes.
    /// </summary>
    public bool TryTakeJob([NotNullWhen(true)] out Job? job)
    {
        while (_outbox.TryDequeue(out job))
        {
            if (job.Discarded)
            {
                // Voided before it left. A committed state releases it at its turn (it was marked done).
                if (_speculative) ReturnJob(_functions[job.FunctionId], job);
                continue;
            }
            job.Dispatched = true;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Takes a finished job back, in any order. A committed state then retires jobs strictly in creation
    /// order, each followed by the creation of every job that can be created; a context job whose turn
    /// comes runs here, on the calling thread. A speculative state retires each function's jobs in their
    /// order. Do not touch the job afterwards.
    /// </summary>
    public void Complete(Job job)
    {
        if (job.Orphaned)
        {
            job.Orphaned = false;
            ReturnJob(_functions[job.FunctionId], job);
            return;
        }
        if (job.Generation != _generation || (_speculative && job.Discarded))
        {
            if (job.Legacy)
            {
                // Of a restarted speculation: kept, in case the new one makes the same job.
                job.Done = true;
                return;
            }
            // A job of a run that Init ended, of a speculation dropped, or voided while it ran.
            ReturnJob(_functions[job.FunctionId], job);
            return;
        }
        Debug.Assert(!job.Done, "a job completes once");
        job.Done = true;
        if (_speculative)
        {
            _completed.Enqueue(job.FunctionId);
            RetireCompleted();
        }
        else
        {
            // NOTE: a voided job is released when its turn comes.
            RetireInOrder();
        }
    }

    /// <summary>Retires the oldest jobs while their results are here, creating new jobs after each.</summary>
    private void RetireInOrder()
    {
        // NOTE: a context job's code runs inside this loop; it must not re-enter it.
        if (_retiring) return;
        _retiring = true;
        try
        {
            while (_outstanding > 0)
            {
                ref Job? slot = ref _window[_oldestId & _windowMask];
                Job job = slot!;
                if (!job.Done)
                {
                    // [debugger] A run the observer stopped runs no more context jobs.
                    if (!job.IsContext || _observer?.StopRequested == true) break;
                    if (!job.Discarded)
                    {
                        job.Execute();
                        var outcome = job.Outcome;
                        // What a speculation cannot foresee: values from outside, or a sink that did more than sink.
                        if (_functions[job.FunctionId].ProducesValues || outcome.IsError || outcome.HasOutput || !outcome.RunAgain) ContextChangedFlow = true;
                    }
                    job.Done = true;
                }
                slot = null;
                _oldestId++;
                if (job.Discarded)
                {
                    Release(job);
                }
                else
                {
                    _outstanding--;
                    Retire(job);
                }
                CreateJobs();
            }
        }
        finally
        {
            _retiring = false;
        }
    }

    /// <summary>
    /// Makes a job of every ready entry it can, in ready order, while fewer than the cap are
    /// outstanding. Entries that can no longer run (spurious) are dropped without using a job id.
    /// A function that still has input sets after its job goes to the back of the ready queue, so
    /// the functions of a pipeline take turns.
    /// </summary>
    private void CreateJobs()
    {
        while (_ready.Count > 0 && _outstanding < _maxOutstanding)
        {
            int id = _options.Order == ReadyOrder.Random ? _ready.RemoveAt(_random.Next(_ready.Count)) : _ready.Dequeue();
            var function = _functions[id];
            function.QueuedEntries--;
            if (function.Completed || function.AvailableSets == 0 || (_speculative && function.ProducesValues))
            {
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Dropped a spurious ready entry of '{function.Spec.DisplayName}'");
                RemoveBusy(function);
                FlowIdleCheck(function);
                continue;
            }
            CreateJob(function);
            if (function.QueuedEntries == 0 && function.AvailableSets > 0) MakeReady(function);
        }
    }

    private void CreateJob(RuntimeFunction function)
    {
        var adopted = _speculative && function.LegacyJob is not null ? Adopt(function, function.JobsCreated) : null;
        var job = adopted ?? RentJob(function);
        // NOTE: an adopted job keeps its id: an executor may be running it, and answers under that id.
        // NOTE: speculative ids live apart from committed ones: a committed job run directly and a
        // speculative job may be out on one executor at once, which tells their results apart by id.
        if (adopted is null) job.Id = _speculative ? SpeculativeIds + ++_lastId : ++_lastId;
        job.Generation = _generation;
        job.Index = function.JobsCreated++;
        job.Speculative = _speculative;
        if (adopted is null)
        {
            job.Done = false;
            job.Discarded = false;
            job.Dispatched = false;
            job.Retired = false;
            job.Predicted = false;
        }
        var inputs = function.Inputs;
        for (int i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (input.Count > 0)
            {
                var value = input.Dequeue();
                if (adopted is null) job.Inputs[i] = value;
            }
            else
            {
                // An always input emptied by a job still in flight: take the refill that job will put back.
                Debug.Assert(input.HasConstant && function.InFlight > 0);
                input.Borrowed++;
                if (adopted is null) job.Inputs[i] = input.Constant;
            }
        }
        if (function.YoungestJob is null) function.OldestJob = job;
        else function.YoungestJob.NextOfFunction = job;
        function.YoungestJob = job;
        if (_speculative) function.OldestUnretired ??= job;
        function.InFlight++;
        if (!_speculative) _window[job.Id & _windowMask] = job;
        _outstanding++;
        Metrics.JobsCreated++;
        if (_outstanding > Metrics.MaxJobsInParallel) Metrics.MaxJobsInParallel = _outstanding;
        if (!function.InFlowBlocks)
        {
            function.InFlowBlocks = true;
            _flowBlocks[_flowIndex[function.Id]].Add(function.Id);
        }
        if (adopted is not null)
        {
            // A job of the old speculation: still to be handed out, or out, or back with its result; its
            // prediction, if it has one, holds (the inputs are the same).
            if (!job.Dispatched) _outbox.Enqueue(job);
            if (job.Done || job.Predicted) _completed.Enqueue(function.Id);
        }
        else if (!job.IsContext)
        {
            _outbox.Enqueue(job);
            if (_predict && function.Predictable) Predict(function, job);
        }
        else if (_speculative)
        {
            // NOTE: only sinks are created here: what they do matters to no other function of a speculation.
            job.Outcome = JobOutcome.NoOutput();
            job.Done = true;
            _completed.Enqueue(function.Id);
        }
        if (Log.IsEnabled(LogLevel.Trace)) Log.Trace($"Job#{job.Id} created for '{job.FunctionName}'{(_speculative ? " (speculative)" : "")}");
        _observer?.JobCreated(job);
    }

    /// <summary>
    /// Speculative state: computes the job's outcome here, so the speculation may retire it at once. It is
    /// a prediction: the job is handed out all the same, and the committed state takes only the result that
    /// comes back; a wrong prediction shows as a later job whose inputs differ, which restarts the speculation.
    /// </summary>
    private void Predict(RuntimeFunction function, Job job)
    {
        job.PredictedOutcome = job.Run();
        job.Predicted = true;
        _completed.Enqueue(function.Id);
    }

    private Job RentJob(RuntimeFunction function)
    {
        var job = function.FreeJobs;
        if (job is null) return new Job(function.Id, function.FlowId, function.Inputs.Length, function.Implementation, function.Spec.DisplayName, function.Spec.IsContext);
        function.FreeJobs = job.NextFree;
        job.NextFree = null;
        return job;
    }

    /// <summary>A job leaves the run state for good: one fewer outstanding, and back to its pool.</summary>
    private void Release(Job job)
    {
        _outstanding--;
        if (job.Done)
        {
            ReturnJob(_functions[job.FunctionId], job);
        }
        else if (job.Dispatched)
        {
            // A predicted job an executor still runs: back to the pool when it comes back.
            job.Orphaned = true;
        }
        else
        {
            // A predicted job not handed out yet: TryTakeJob drops it.
            job.Discarded = true;
        }
    }

    private static void ReturnJob(RuntimeFunction function, Job job)
    {
        // NOTE: a loop, not Array.Clear: a job has a few inputs, and the call costs more than clearing them.
        var inputs = job.Inputs;
        for (int i = 0; i < inputs.Length; i++) inputs[i] = default;
        job.Outcome = default;
        job.NextOfFunction = null;
        job.NextFree = function.FreeJobs;
        function.FreeJobs = job;
    }
}
