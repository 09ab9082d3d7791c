// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler.Checks;

/// <summary>
/// Removes every pure function none of whose connections leads to a function that stays, and every
/// connection to or from it, until no more can go: a chain of dead functions goes all at once.
/// Impure functions are never removed. Linear in functions plus connections: each function keeps a
/// count of its connections to functions still there, and a removal lowers the counts of the
/// functions sending to it.
/// </summary>
internal static class DeadCodeRemover
{
    public static (List<FunctionInstance> Functions, List<CollapsedConnection> Connections) Remove(
        List<FunctionInstance> functions, List<CollapsedConnection> connections)
    {
        // Function ids are 0..n-1 in load order, so arrays indexed by id need no dictionary.
        int count = functions.Count;
        var live = new int[count];
        var incoming = new List<CollapsedConnection>?[count];
        foreach (var connection in connections)
        {
            live[connection.Source.Id]++;
            (incoming[connection.Destination.Id] ??= []).Add(connection);
        }

        var removed = new bool[count];
        var pending = new Stack<FunctionInstance>();
        foreach (var function in functions)
        {
            if (!function.IsImpure && live[function.Id] == 0) pending.Push(function);
        }
        int removedCount = 0;
        while (pending.Count > 0)
        {
            var function = pending.Pop();
            if (removed[function.Id]) continue;
            removed[function.Id] = true;
            removedCount++;
            if (incoming[function.Id] is not { } senders) continue;
            foreach (var connection in senders)
            {
                var source = connection.Source;
                if (removed[source.Id]) continue;
                if (--live[source.Id] == 0 && !source.IsImpure) pending.Push(source);
            }
        }
        if (removedCount == 0) return (functions, connections);
        return (functions.FindAll(f => !removed[f.Id]),
            connections.FindAll(c => !removed[c.Source.Id] && !removed[c.Destination.Id]));
    }
}
