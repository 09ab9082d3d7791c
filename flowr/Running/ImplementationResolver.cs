// Copyright (c) flowr contributors. MIT licence.
using Flowr.Context;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;

namespace Flowr.Running;

/// <summary>Finds the code behind every function of a flow before it runs.</summary>
internal static class ImplementationResolver
{
    /// <summary>One implementation per function, by id; throws with the function's route when one is missing.</summary>
    public static IFunctionImplementation[] ResolveAll(FlowManifest manifest, ContextServices context)
    {
        var implementations = new IFunctionImplementation[manifest.Functions.Count];
        foreach (var function in manifest.Functions)
        {
            implementations[function.Id] = Resolve(function, context);
        }
        return implementations;
    }

    private static IFunctionImplementation Resolve(FunctionSpec function, ContextServices context)
    {
        string location = function.ImplementationLocation;
        if (location.StartsWith("context://", StringComparison.Ordinal))
        {
            if (context.TryCreate(location, out var contextFunction)) return contextFunction;
        }
        else if (location.StartsWith($"lib://{FlowStdLib.Name}/", StringComparison.Ordinal))
        {
            if (FlowStdLib.TryGetImplementation(location, out var libraryFunction)) return libraryFunction;
        }
        throw new FlowRunException($"Could not find the implementation '{location}' of function '{function.DisplayName}'");
    }
}
