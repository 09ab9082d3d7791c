// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// All the run state of one flow and the rules that change it (runtime-semantics.md §1–§6):
/// readiness, job creation, retiring results, initializers, blocking and flow-idle unblocking.
/// It has no threads and no queues of its own, so tests drive it job by job. Only one thread may
/// use an instance.
/// </summary>
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
    private int _running;

    public RunState(FlowManifest manifest, IReadOnlyList<IFunctionImplementation> implementations, RunStateOptions? options = null)
    {
        _options = options ?? new RunStateOptions();
        _random = new Random(_options.Seed);
        int count = manifest.Functions.Count;
        if (implementations.Count != count) throw new ArgumentException("one implementation per function is needed", nameof(implementations));
        _functions = new RuntimeFunction[count];
        var flowIds = new Dictionary<int, int>();
        _flowIndex = new int[count];
        for (int i = 0; i < count; i++)
        {
            var spec = manifest.Functions[i];
            if (spec.Id != i) throw new ArgumentException($"function at index {i} has id {spec.Id}", nameof(manifest));
            _functions[i] = new RuntimeFunction(spec, implementations[i]);
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
        Metrics = new RunMetrics { NumberOfFunctions = count };
    }

    public RunMetrics Metrics { get; }

    /// <summary>Jobs created and not yet retired.</summary>
    public int RunningJobs => _running;

    /// <summary>Ready entries waiting to become jobs.</summary>
    public int ReadyCount => _ready.Count;

    /// <summary>The flow is over: no job running and nothing ready (runtime-semantics.md §7).</summary>
    public bool IsFinished => _running == 0 && _ready.Count == 0;

    /// <summary>The function spec of <paramref name="functionId"/>.</summary>
    public FunctionSpec Function(int functionId) => _functions[functionId].Spec;

    /// <summary>
    /// Clears all inputs, applies initializers the first time and makes ready, in id order, every
    /// function that can run (§7 step 1, §2 rule 1).
    /// </summary>
    public void Init()
    {
        Metrics.ResetCounts();
        _ready.Clear();
        _blocks.Clear();
        _running = 0;
        Array.Clear(_flowBusy);
        foreach (var list in _flowBlocks) list.Clear();
        foreach (var function in _functions)
        {
            function.Running = 0;
            function.Completed = false;
            function.InBlockedSet = false;
            function.BlockedByCount = 0;
            function.Busy = 0;
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
    }

    /// <summary>
    /// Takes the next ready entry and makes a job of it: one value from the head of every input.
    /// Returns false when nothing is ready or <c>-j</c> jobs are already running. Entries that can
    /// no longer run (spurious, §2) are dropped without using a job id.
    /// </summary>
    public bool TryCreateJob([NotNullWhen(true)] out Job? job)
    {
        while (_ready.Count > 0)
        {
            if (_options.MaxJobs > 0 && _running >= _options.MaxJobs) break;
            int id = _options.Order == ReadyOrder.Random ? _ready.RemoveAt(_random.Next(_ready.Count)) : _ready.Dequeue();
            var function = _functions[id];
            if (function.Completed || !function.CanRun)
            {
                if (Log.IsEnabled(LogLevel.Debug)) Log.Debug($"Dropped a spurious ready entry of '{function.Spec.DisplayName}'");
                RemoveBusy(function);
                FlowIdleCheck(function);
                continue;
            }
            job = RentJob(function);
            job.Id = ++Metrics.JobsCreated;
            var inputs = function.Inputs;
            for (int i = 0; i < inputs.Length; i++) job.Inputs[i] = inputs[i].Dequeue();
            function.Running++;
            _running++;
            if (_running > Metrics.MaxJobsInParallel) Metrics.MaxJobsInParallel = _running;
            if (!function.InFlowBlocks)
            {
                function.InFlowBlocks = true;
                _flowBlocks[_flowIndex[id]].Add(id);
            }
            _observer?.JobCreated(job);
            return true;
        }
        job = null;
        return false;
    }

    /// <summary>
    /// Retires a finished job (§4): sends its outputs in connection order, refills <c>always</c>
    /// inputs and re-arms the function or marks it completed, then applies the flow-idle rule (§6).
    /// The job goes back to the pool; the caller must not touch it afterwards.
    /// </summary>
    public void Retire(Job job)
    {
        var function = _functions[job.FunctionId];
        function.Running--;
        _running--;
        _observer?.JobRetiring(job);
        JobOutcome outcome = job.Outcome;
        if (outcome.IsError)
        {
            Metrics.JobErrors++;
            Log.Error($"Error in Job#{job.Id}: {outcome.Error}");
            _observer?.JobFailed(job);
        }
        else
        {
            SendOutputs(function, job, outcome);
            if (outcome.RunAgain)
            {
                foreach (var input in function.Inputs) input.Initialize(firstTime: false, flowIdle: false);
                if (function.CanRun) MakeReady(function);
            }
            else
            {
                function.Completed = true;
            }
        }
        RemoveBusy(function);
        FlowIdleCheck(function);
        ReturnJob(function, job);
    }

    private void SendOutputs(RuntimeFunction source, Job job, in JobOutcome outcome)
    {
        foreach (var connection in source.Connections)
        {
            Value value;
            var from = connection.Source;
            if (from.Kind == ConnectionSourceKind.Input)
            {
                value = job.Inputs[from.InputIndex];
            }
            else if (!outcome.HasOutput)
            {
                continue;
            }
            else if (from.Pointer.Length == 0)
            {
                value = outcome.Output;
            }
            else if (!JsonPointer.TryResolve(outcome.Output, from.Pointer, out value))
            {
                continue;
            }
            Send(source, connection, value);
        }
    }

    /// <summary>send_a_value (§3, §6): enqueue, add a block across flows, make the destination ready.</summary>
    private void Send(RuntimeFunction source, OutputConnection connection, in Value value)
    {
        _observer?.ValueSending(source.Id, connection, value);
        Metrics.ValuesSent++;
        var destination = _functions[connection.DestinationId];
        var input = destination.Inputs[connection.DestinationIo];
        bool loopback = ReferenceEquals(source, destination);
        int before = loopback ? 0 : destination.InputSetCount;
        ValueDelivery.Deliver(input, value, connection.DestinationRoute);
        if (loopback) return;
        if (input.Count > 0 && _flowIndex[source.Id] != _flowIndex[destination.Id])
        {
            AddBlock(new Block(destination.Id, connection.DestinationIo, source.Id));
        }
        if (destination.InputSetCount > before) MakeReadyOrBlocked(destination);
    }

    private void MakeReady(RuntimeFunction function)
    {
        if (function.Completed) return;
        _ready.Enqueue(function.Id);
        function.Busy++;
        _flowBusy[_flowIndex[function.Id]]++;
    }

    private void MakeReadyOrBlocked(RuntimeFunction function)
    {
        if (function.BlockedByCount > 0)
        {
            function.InBlockedSet = true;
            return;
        }
        MakeReady(function);
    }

    private void RemoveBusy(RuntimeFunction function)
    {
        if (function.Busy == 0) return;
        function.Busy--;
        _flowBusy[_flowIndex[function.Id]]--;
    }

    private void AddBlock(Block block)
    {
        if (!_blocks.Add(block)) return;
        _functions[block.Blocking].BlocksHeld.Add(block);
        _functions[block.Blocked].BlockedByCount++;
        _observer?.BlockMade(block.Blocked, block.Blocking, block.InputIndex);
    }

    /// <summary>
    /// unblock_flows (§6): when no busy entry remains for the function's flow, release every block
    /// held by the flow's functions that ran since it was last idle, then apply flow initializers
    /// to its functions that have not completed.
    /// </summary>
    private void FlowIdleCheck(RuntimeFunction function)
    {
        int flow = _flowIndex[function.Id];
        if (_flowBusy[flow] > 0) return;
        _observer?.FlowUnblocking(function.FlowId);
        var ranSinceIdle = _flowBlocks[flow];
        for (int i = 0; i < ranSinceIdle.Count; i++)
        {
            var blocking = _functions[ranSinceIdle[i]];
            blocking.InFlowBlocks = false;
            foreach (var block in blocking.BlocksHeld)
            {
                _blocks.Remove(block);
                var blocked = _functions[block.Blocked];
                blocked.BlockedByCount--;
                if (blocked.BlockedByCount == 0 && blocked.InBlockedSet)
                {
                    blocked.InBlockedSet = false;
                    if (blocked.CanRun) MakeReadyOrBlocked(blocked);
                }
            }
            blocking.BlocksHeld.Clear();
        }
        ranSinceIdle.Clear();
        foreach (int id in _functionsOfFlow[flow])
        {
            var member = _functions[id];
            if (member.Completed) continue;
            bool couldRun = member.CanRun;
            bool initialized = false;
            foreach (var input in member.Inputs) initialized |= input.Initialize(firstTime: false, flowIdle: true);
            if (initialized && !couldRun && member.CanRun) MakeReadyOrBlocked(member);
        }
    }

    private Job RentJob(RuntimeFunction function)
    {
        var job = function.FreeJobs;
        if (job is null) return new Job(function.Id, function.FlowId, function.Inputs.Length, function.Implementation, function.Spec.DisplayName, function.Spec.IsContext);
        function.FreeJobs = job.NextFree;
        job.NextFree = null;
        return job;
    }

    private static void ReturnJob(RuntimeFunction function, Job job)
    {
        Array.Clear(job.Inputs);
        job.Outcome = default;
        job.NextFree = function.FreeJobs;
        function.FreeJobs = job;
    }
}
