// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// Which functions lie on a cycle of connections (a loopback, or a loop through other functions): their
/// jobs wait for one another's results, so each step of the loop costs a whole round trip unless a
/// speculation can foresee it. Tarjan's strongly connected components, iterative so that a flow of a
/// hundred thousand functions does not overflow the stack; linear in functions and connections.
/// </summary>
internal static class FunctionCycles
{
    public static bool[] OnCycle(IReadOnlyList<FunctionSpec> functions)
    {
        int count = functions.Count;
        var onCycle = new bool[count];
        var index = new int[count];
        var lowLink = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var frames = new Stack<(int Function, int NextConnection)>();
        var component = new List<int>();
        int nextIndex = 0;

        for (int root = 0; root < count; root++)
        {
            if (index[root] >= 0) continue;
            frames.Push((root, 0));
            index[root] = lowLink[root] = nextIndex++;
            stack.Push(root);
            onStack[root] = true;
            while (frames.Count > 0)
            {
                var (function, next) = frames.Pop();
                var connections = functions[function].OutputConnections;
                if (next < connections.Count)
                {
                    frames.Push((function, next + 1));
                    int destination = connections[next].DestinationId;
                    if (destination == function) onCycle[function] = true;
                    if (index[destination] < 0)
                    {
                        index[destination] = lowLink[destination] = nextIndex++;
                        stack.Push(destination);
                        onStack[destination] = true;
                        frames.Push((destination, 0));
                    }
                    else if (onStack[destination])
                    {
                        lowLink[function] = Math.Min(lowLink[function], index[destination]);
                    }
                    continue;
                }
                // All its connections seen: close its component if it is the root of one, then report to its caller.
                if (lowLink[function] == index[function])
                {
                    component.Clear();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != function);
                    if (component.Count > 1)
                    {
                        foreach (int m in component) onCycle[m] = true;
                    }
                }
                if (frames.Count > 0)
                {
                    int caller = frames.Peek().Function;
                    lowLink[caller] = Math.Min(lowLink[caller], lowLink[function]);
                }
            }
        }
        return onCycle;
    }
}
