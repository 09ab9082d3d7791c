// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Coordinator;

// The bookkeeping that must agree after every step of the rules, in both kinds of run state. The
// run-state tests check it after every job they drive, and the debugger's `validate` command reports
// it, so both use this one list.
public sealed partial class RunState
{
    /// <summary>
    /// Checks the run state's internal bookkeeping: jobs outstanding and each function's list of jobs,
    /// busy entries per function and per flow, refills owed, blocks and the blocked set, and the per-flow
    /// sets of functions that ran since the flow was last idle. Returns one line per broken invariant;
    /// empty when all hold.
    /// </summary>
    /// <param name="retiringFunctionId">
    /// While a job is being retired (from <see cref="IRunStateObserver.JobRetiring"/> until its outputs are
    /// sent), its function still holds the busy entry of that job: pass the function's id then, else −1.
    /// </param>
    public IReadOnlyList<string> CheckInvariants(int retiringFunctionId = -1)
    {
        var problems = new List<string>();
        var readyEntries = new int[_functions.Length];
        for (int i = 0; i < _ready.Count; i++)
        {
            int id = _ready.PeekAt(i);
            if ((uint)id >= (uint)_functions.Length) problems.Add($"ready queue holds unknown function id {id}");
            else readyEntries[id]++;
        }
        var flowBusy = new int[_flowBusy.Length];
        int inFlight = 0, listed = 0, blocksHeld = 0;
        foreach (var function in _functions)
        {
            string name = $"#{function.Id} '{function.Spec.DisplayName}'";
            int retiring = function.Id == retiringFunctionId ? 1 : 0;
            if (function.InFlight < 0) problems.Add($"{name} has {function.InFlight} jobs in flight");
            inFlight += function.InFlight;
            listed += CheckJobList(function, name, problems);
            if (function.QueuedEntries != readyEntries[function.Id]) problems.Add($"{name} counts {function.QueuedEntries} ready entries but the ready queue has {readyEntries[function.Id]}");
            // One busy entry per ready entry, kept until the job made from it retires.
            if (function.Busy != readyEntries[function.Id] + function.InFlight + retiring)
            {
                problems.Add($"{name} has {function.Busy} busy entries but {readyEntries[function.Id]} ready entries and {function.InFlight + retiring} jobs in flight or retiring");
            }
            flowBusy[_flowIndex[function.Id]] += function.Busy;
            if (function.InFlight > 0 && !function.InFlowBlocks) problems.Add($"{name} has jobs in flight but is not listed as having run since its flow was last idle");
            if (function.InBlockedSet && function.BlockedByCount == 0) problems.Add($"{name} is in the blocked set but no block holds it");
            foreach (var input in function.Inputs)
            {
                // Each job after the oldest in flight may have taken a refill still owed; the retiring one has just paid none.
                int owedAtMost = input.HasConstant ? Math.Max(0, function.InFlight + retiring - 1) : 0;
                if (input.Borrowed < 0 || input.Borrowed > owedAtMost) problems.Add($"{name} owes {input.Borrowed} refill(s) on an input, with {function.InFlight} job(s) in flight");
            }
            foreach (var block in function.BlocksHeld)
            {
                blocksHeld++;
                if (block.Blocking != function.Id) problems.Add($"{name} holds a block of #{block.Blocking}");
                if (!_blocks.Contains(block)) problems.Add($"{name} holds a block of #{block.Blocked} that the block set does not have");
            }
        }
        if (_speculative) CheckSpeculative(listed, problems);
        else CheckCommitted(inFlight, problems);
        if (_outstanding > WindowCapacity) problems.Add($"{_outstanding} jobs outstanding, above the capacity {WindowCapacity}");
        CheckFlows(flowBusy, problems);
        var blockedBy = new int[_functions.Length];
        foreach (var block in _blocks)
        {
            blockedBy[block.Blocked]++;
            if (_flowIndex[block.Blocked] == _flowIndex[block.Blocking]) problems.Add($"block of #{block.Blocked} by #{block.Blocking} inside one flow");
        }
        if (blocksHeld != _blocks.Count) problems.Add($"{_blocks.Count} blocks exist but functions hold {blocksHeld}");
        foreach (var function in _functions)
        {
            if (function.BlockedByCount != blockedBy[function.Id])
            {
                problems.Add($"#{function.Id} '{function.Spec.DisplayName}' counts {function.BlockedByCount} blocks on it but {blockedBy[function.Id]} exist");
            }
        }
        return problems;
    }

    /// <summary>
    /// A function's list of jobs: indices rising, the youngest last, none void; in a committed state exactly
    /// its jobs in flight, in a speculative one its retired jobs not yet taken, then those in flight. Returns its length.
    /// </summary>
    private int CheckJobList(RuntimeFunction function, string name, List<string> problems)
    {
        int length = 0, unretired = 0;
        Job? last = null, firstUnretired = null;
        for (var job = function.OldestJob; job is not null && length <= _lastId + 1; job = job.NextOfFunction)
        {
            length++;
            if (job.FunctionId != function.Id) problems.Add($"{name} lists Job#{job.Id} of function #{job.FunctionId}");
            if (job.Discarded) problems.Add($"{name} lists Job#{job.Id}, which is void");
            if (job.Generation != _generation) problems.Add($"{name} lists Job#{job.Id} of an earlier run or speculation");
            if (last is not null && job.Index <= last.Index) problems.Add($"{name} lists Job#{job.Id} (index {job.Index}) after index {last.Index}");
            if (!_speculative || !job.Retired)
            {
                unretired++;
                firstUnretired ??= job;
            }
            else if (firstUnretired is not null)
            {
                problems.Add($"{name} lists retired Job#{job.Id} after a job not retired");
            }
            last = job;
        }
        if (!ReferenceEquals(function.YoungestJob, last)) problems.Add($"{name}'s youngest job is not the last of its list");
        if (unretired != function.InFlight) problems.Add($"{name} has {function.InFlight} jobs in flight but lists {unretired}");
        if (last is not null && last.Index >= function.JobsCreated) problems.Add($"{name} lists a job with index {last.Index} but has created {function.JobsCreated}");
        if (_speculative && !ReferenceEquals(function.OldestUnretired, firstUnretired)) problems.Add($"{name}'s oldest job not retired is not the first such in its list");
        if (!_speculative && function.LegacyJob is not null) problems.Add($"{name} has jobs of a speculation in a committed state");
        for (var old = function.LegacyJob; old is not null; old = old.NextOfFunction)
        {
            if (!old.Legacy) problems.Add($"{name} keeps Job#{old.Id} as left from the last speculation but it is not marked so");
        }
        return length;
    }

    /// <summary>Committed state: the jobs outstanding are those from the oldest not retired to the last created, in creation order.</summary>
    private void CheckCommitted(int inFlight, List<string> problems)
    {
        if (_outstanding != _lastId - _oldestId + 1) problems.Add($"{_outstanding} jobs outstanding but jobs #{_oldestId}…#{_lastId} are not retired");
        int live = 0;
        for (long id = _oldestId; id <= _lastId && id - _oldestId < _window.Length; id++)
        {
            var job = _window[id & _windowMask];
            if (job is null || job.Id != id)
            {
                problems.Add($"Job#{id} is outstanding but not in the window of jobs");
                continue;
            }
            if (!job.Discarded) live++;
        }
        if (live != inFlight) problems.Add($"{live} jobs outstanding and not void but functions have {inFlight} in flight");
    }

    /// <summary>Speculative state: every job it counts is listed by its function (taken or void ones are not).</summary>
    private void CheckSpeculative(int listed, List<string> problems)
    {
        if (listed != _outstanding) problems.Add($"{_outstanding} jobs outstanding but functions list {listed}");
    }

    private void CheckFlows(int[] flowBusy, List<string> problems)
    {
        for (int flow = 0; flow < _flowBusy.Length; flow++)
        {
            if (flowBusy[flow] != _flowBusy[flow]) problems.Add($"flow #{FlowIdOf(flow)} counts {_flowBusy[flow]} busy entries but its functions have {flowBusy[flow]}");
            var seen = new HashSet<int>();
            foreach (int id in _flowBlocks[flow])
            {
                if (!seen.Add(id)) problems.Add($"#{id} is listed twice as having run in flow #{FlowIdOf(flow)}");
                if (!_functions[id].InFlowBlocks) problems.Add($"#{id} is listed as having run in flow #{FlowIdOf(flow)} but not flagged so");
            }
            foreach (int id in _functionsOfFlow[flow])
            {
                if (_functions[id].InFlowBlocks && !seen.Contains(id)) problems.Add($"#{id} is flagged as having run but not listed in flow #{FlowIdOf(flow)}");
            }
        }
    }

    private int FlowIdOf(int flowIndex) => _functions[_functionsOfFlow[flowIndex][0]].FlowId;
}
