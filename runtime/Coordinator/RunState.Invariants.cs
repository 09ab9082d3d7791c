// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

// The bookkeeping that must agree after every step of the rules. The run-state tests check it after
// every job they drive, and the debugger's `validate` command reports it, so both use this one list.
public sealed partial class RunState
{
    /// <summary>
    /// Checks the run state's internal bookkeeping: running counts, busy entries per function and per
    /// flow, blocks and the blocked set, and the per-flow sets of functions that ran since the flow was
    /// last idle. Returns one line per broken invariant; empty when all hold.
    /// </summary>
    /// <param name="retiringFunctionId">
    /// While a job is being retired (from <see cref="IRunStateObserver.JobRetiring"/> until its outputs are
    /// sent), its function still holds the busy entry of that job: pass the function's id then, else −1.
    /// </param>
    public IReadOnlyList<string> CheckInvariants(int retiringFunctionId = -1)
    {
        var problems = new List<string>();
        int running = 0;
        var readyEntries = new int[_functions.Length];
        for (int i = 0; i < _ready.Count; i++)
        {
            int id = _ready.PeekAt(i);
            if ((uint)id >= (uint)_functions.Length) problems.Add($"ready queue holds unknown function id {id}");
            else readyEntries[id]++;
        }
        var flowBusy = new int[_flowBusy.Length];
        var blockedBy = new int[_functions.Length];
        int blocksHeld = 0;
        foreach (var function in _functions)
        {
            string name = $"#{function.Id} '{function.Spec.DisplayName}'";
            if (function.Running < 0) problems.Add($"{name} has {function.Running} running jobs");
            running += function.Running;
            // One busy entry per ready entry, kept until the job made from it retires.
            int retiring = function.Id == retiringFunctionId ? 1 : 0;
            if (function.Busy != readyEntries[function.Id] + function.Running + retiring)
            {
                problems.Add($"{name} has {function.Busy} busy entries but {readyEntries[function.Id]} ready entries and {function.Running + retiring} jobs running or retiring");
            }
            flowBusy[_flowIndex[function.Id]] += function.Busy;
            if (function.Running > 0 && !function.InFlowBlocks) problems.Add($"{name} is running but not listed as having run since its flow was last idle");
            if (function.InBlockedSet && function.BlockedByCount == 0) problems.Add($"{name} is in the blocked set but no block holds it");
            foreach (var block in function.BlocksHeld)
            {
                blocksHeld++;
                if (block.Blocking != function.Id) problems.Add($"{name} holds a block of #{block.Blocking}");
                if (!_blocks.Contains(block)) problems.Add($"{name} holds a block of #{block.Blocked} that the block set does not have");
            }
        }
        if (running != _running) problems.Add($"{_running} jobs counted as running but functions have {running}");
        if (_running > Metrics.MaxJobsInParallel) problems.Add($"{_running} jobs running, above the recorded maximum {Metrics.MaxJobsInParallel}");
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

    private int FlowIdOf(int flowIndex) => _functions[_functionsOfFlow[flowIndex][0]].FlowId;
}
