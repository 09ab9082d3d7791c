// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Tests.Coordinator;

/// <summary>Which functions are on loops of connections: the ones whose results a remote run predicts.</summary>
public sealed class FunctionCyclesTests
{
    private static FunctionSpec[] Graph(int count, params (int From, int To)[] edges)
    {
        var bySource = edges.ToLookup(e => e.From);
        return [.. Enumerable.Range(0, count).Select(id => new FunctionSpec
        {
            Id = id,
            FlowId = 0,
            ImplementationLocation = "lib://flowstdlib/math/add",
            OutputConnections = [.. bySource[id].Select(e => new OutputConnection
            {
                Source = ConnectionSource.FromOutput(""),
                DestinationId = e.To,
                DestinationIo = 0,
                DestinationFlowId = 0,
            })],
        })];
    }

    [Fact]
    public void Loopbacks_and_loops_through_other_functions_are_found_and_nothing_else()
    {
        // 0 loops on itself; 1 → 2 → 3 → 1 is a loop; 3 → 4 → 5 leaves it; 6 is alone.
        var graph = Graph(7, (0, 0), (0, 1), (1, 2), (2, 3), (3, 1), (3, 4), (4, 5));
        Assert.Equal([true, true, true, true, false, false, false], FunctionCycles.OnCycle(graph));
    }

    [Fact]
    public void Two_loops_joined_by_a_one_way_connection_stay_two_and_a_dag_has_none()
    {
        var graph = Graph(5, (0, 1), (1, 0), (1, 2), (2, 3), (3, 2), (0, 4), (2, 4));
        Assert.Equal([true, true, true, true, false], FunctionCycles.OnCycle(graph));
        Assert.All(FunctionCycles.OnCycle(Graph(4, (0, 1), (0, 2), (1, 3), (2, 3))), Assert.False);
    }

    [Fact]
    public void A_chain_of_two_hundred_thousand_functions_closing_on_itself_needs_no_deep_stack()
    {
        const int count = 200_000;
        var edges = Enumerable.Range(0, count).Select(i => (i, (i + 1) % count)).ToArray();
        var onCycle = FunctionCycles.OnCycle(Graph(count, edges));
        Assert.All(onCycle, Assert.True);
        edges[^1] = (count - 1, count - 1);
        onCycle = FunctionCycles.OnCycle(Graph(count, edges));
        Assert.Equal(1, onCycle.Count(c => c));
        Assert.True(onCycle[^1]);
    }
}
