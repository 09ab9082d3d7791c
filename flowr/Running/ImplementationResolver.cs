// Copyright (c) flowr contributors. MIT licence.
using Flowr.Context;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Wasm;

namespace Flowr.Running;

/// <summary>Finds the code behind every function of a flow before it runs.</summary>
internal static class ImplementationResolver
{
    /// <summary>
    /// One implementation per function, by id; throws with the function's route when one is missing.
    /// <paramref name="librarySearchPath"/> is where external (WASM) libraries are looked up.
    /// </summary>
    public static IFunctionImplementation[] ResolveAll(FlowManifest manifest, ContextServices context,
        IReadOnlyList<string>? librarySearchPath = null)
    {
        var implementations = new IFunctionImplementation[manifest.Functions.Count];
        var wasmOptions = new Lazy<WasmOptions>(ReadWasmOptions);
        foreach (var function in manifest.Functions)
        {
            implementations[function.Id] = Resolve(manifest, function, context, librarySearchPath ?? [], wasmOptions);
        }
        return implementations;
    }

    private static WasmOptions ReadWasmOptions()
    {
        try
        {
            return WasmEnvironment.ReadOptions();
        }
        catch (WasmException e)
        {
            throw new FlowRunException(e.Message);
        }
    }

    private static IFunctionImplementation Resolve(FlowManifest manifest, FunctionSpec function, ContextServices context,
        IReadOnlyList<string> librarySearchPath, Lazy<WasmOptions> wasmOptions)
    {
        string location = function.ImplementationLocation;
        if (location.StartsWith("context://", StringComparison.Ordinal))
        {
            if (context.TryCreate(location, out var contextFunction)) return contextFunction;
        }
        else if (location.StartsWith(FlowStdLib.UrlPrefix, StringComparison.Ordinal))
        {
            if (FlowStdLib.TryGetImplementation(location, out var libraryFunction)) return libraryFunction;
        }
        else if (location.StartsWith("lib://", StringComparison.Ordinal))
        {
            // An external library on the search path maps lib:// locations to WebAssembly modules.
            string? modulePath;
            try
            {
                if (!WasmLibraries.TryFindModule(location, librarySearchPath, out modulePath)) modulePath = null;
            }
            catch (WasmException e)
            {
                throw new FlowRunException($"Could not find the implementation '{location}' of function '{function.DisplayName}': {e.Message}");
            }
            if (modulePath is not null) return WasmFunction.Load(function.DisplayName, modulePath, wasmOptions.Value);
        }
        else if (!location.Contains("://", StringComparison.Ordinal) || location.StartsWith("file://", StringComparison.Ordinal))
        {
            // A provided function: a WebAssembly module, its path relative to the manifest.
            string path = location.StartsWith("file://", StringComparison.Ordinal) ? new Uri(location).LocalPath : location;
            string baseDirectory = manifest.BaseDirectory.Length > 0 ? manifest.BaseDirectory : Directory.GetCurrentDirectory();
            return WasmFunction.Load(function.DisplayName, Path.GetFullPath(Path.Combine(baseDirectory, path)), wasmOptions.Value);
        }
        throw new FlowRunException($"Could not find the implementation '{location}' of function '{function.DisplayName}'");
    }
}
