// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

// Ready entries, busy counts, blocks across flows and flow-idle unblocking.
public sealed partial class RunState
{
    private void MakeReady(RuntimeFunction function)
    {
        if (function.Completed) return;
        _ready.Enqueue(function.Id);
        function.QueuedEntries++;
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
    /// unblock_flows: when no busy entry remains for the function's flow, release every block held
    /// by the flow's functions that ran since it was last idle, then apply flow initializers to its
    /// functions that have not completed.
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
                    if (blocked.AvailableSets > 0) MakeReadyOrBlocked(blocked);
                }
            }
            blocking.BlocksHeld.Clear();
        }
        ranSinceIdle.Clear();
        foreach (int id in _functionsOfFlow[flow])
        {
            var member = _functions[id];
            if (member.Completed) continue;
            bool couldRun = member.AvailableSets > 0;
            bool initialized = false;
            foreach (var input in member.Inputs) initialized |= input.Initialize(firstTime: false, flowIdle: true);
            if (initialized && !couldRun && member.AvailableSets > 0) MakeReadyOrBlocked(member);
        }
    }
}
