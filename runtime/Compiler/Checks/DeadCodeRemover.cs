// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler.Checks;

/// <summary>
/// §3 step 5: repeat until nothing changes: remove every pure function with no outgoing connection,
/// and every connection to or from it. Impure functions are never removed.
/// </summary>
internal static class DeadCodeRemover
{
    public static (List<FunctionInstance> Functions, List<CollapsedConnection> Connections) Remove(
        List<FunctionInstance> functions, List<CollapsedConnection> connections)
    {
        var removed = new HashSet<FunctionInstance>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            var withOutgoing = new HashSet<FunctionInstance>();
            foreach (var connection in connections)
            {
                if (!removed.Contains(connection.Destination) && !removed.Contains(connection.Source)) withOutgoing.Add(connection.Source);
            }
            foreach (var function in functions)
            {
                if (!function.IsImpure && !removed.Contains(function) && !withOutgoing.Contains(function))
                {
                    removed.Add(function);
                    changed = true;
                }
            }
        }
        if (removed.Count == 0) return (functions, connections);
        return (functions.FindAll(f => !removed.Contains(f)),
            connections.FindAll(c => !removed.Contains(c.Source) && !removed.Contains(c.Destination)));
    }
}
