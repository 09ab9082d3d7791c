// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler.Checks;

/// <summary>
/// The checks upstream's compiler makes before generating a manifest, with its messages, prefixed
/// with the file and line of the <c>[[process]]</c> concerned.
/// </summary>
internal static class FlowChecker
{
    public static void Check(FlowInstance root, List<FunctionInstance> functions, List<CollapsedConnection> connections)
    {
        var connected = new HashSet<(FunctionInstance, int)>(connections.Count);
        foreach (var connection in connections) connected.Add((connection.Destination, connection.DestinationIndex));

        foreach (var function in functions)
        {
            for (int i = 0; i < function.InputNodes.Length; i++)
            {
                bool isConnected = connected.Contains((function, i));
                var initializer = function.Initializers[i];
                if (!isConnected && initializer is null && function.FlowInitializers[i] is null)
                {
                    CompileError.Throw(function.ReferenceDisplay, $"Input at route '{function.InputNodes[i].Route}' is not connected to nor initialized");
                }
                if (isConnected && initializer is { Kind: InitializerKind.Always })
                {
                    CompileError.Throw(function.ReferenceDisplay, $"Input at route '{function.InputNodes[i].Route}' has a 'Constant' initializer and a connection to it");
                }
            }
        }

        foreach (var function in functions)
        {
            if (function.IsImpure && function.InputNodes.Length > 0) return;
        }
        CompileError.Throw(root.Location.Display, "Flow has no side-effects");
    }
}
