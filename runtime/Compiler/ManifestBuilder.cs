// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// Numbers the remaining functions densely and builds the <see cref="FlowManifest"/>: each collapsed
/// connection becomes an output connection of its source, in declaration order (the order values are
/// sent in), and each provided function gets its module's path relative to the manifest.
/// </summary>
internal static class ManifestBuilder
{
    private static readonly string[] WasmExtensions = [".wasm", ".wat"];

    public static FlowManifest Build(FlowInstance root, List<FunctionInstance> functions, List<CollapsedConnection> connections,
        IReadOnlyList<KeyValuePair<string, string>> sourceUrls)
    {
        bool onDisk = root.Location.Kind == LocationKind.File;
        string baseDirectory = onDisk ? Path.GetDirectoryName(root.Location.Path)! : Directory.GetCurrentDirectory();
        var ids = new Dictionary<FunctionInstance, int>(functions.Count);
        for (int i = 0; i < functions.Count; i++) ids[functions[i]] = i;

        var outgoing = new Dictionary<FunctionInstance, List<OutputConnection>>();
        foreach (var connection in connections)
        {
            if (!outgoing.TryGetValue(connection.Source, out var list)) outgoing[connection.Source] = list = [];
            list.Add(new OutputConnection
            {
                Source = connection.ManifestSource,
                DestinationId = ids[connection.Destination],
                DestinationIo = connection.DestinationIndex,
                DestinationFlowId = connection.Destination.FlowId,
                DestinationRoute = connection.Destination.InputNodes[connection.DestinationIndex].Route,
                Name = connection.Name,
            });
        }

        var specs = new FunctionSpec[functions.Count];
        var locations = new Dictionary<string, string>(StringComparer.Ordinal);
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        var contexts = new SortedSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < specs.Length; i++)
        {
            var function = functions[i];
            if (!locations.TryGetValue(function.Location.Key, out string? location))
            {
                location = ImplementationLocation(function, baseDirectory);
                locations[function.Location.Key] = location;
            }
            if (function.Location.Kind == LocationKind.Library) libraries.Add(location);
            if (function.Location.Kind == LocationKind.Context) contexts.Add(location);
            specs[i] = new FunctionSpec
            {
                Id = i,
                FlowId = function.FlowId,
                Name = function.Alias,
                Route = function.Route,
                ImplementationLocation = location,
                Inputs = Inputs(function),
                OutputConnections = outgoing.TryGetValue(function, out var list) ? list : [],
            };
        }

        return new FlowManifest
        {
            Metadata = root.Definition.Metadata,
            LibReferences = [.. libraries],
            ContextReferences = [.. contexts],
            Functions = specs,
            SourceUrls = sourceUrls,
            FlowUrl = onDisk ? "file://" + root.Location.Path.Replace('\\', '/') : root.Location.Url,
            BaseDirectory = baseDirectory,
        };
    }

    private static InputSpec[] Inputs(FunctionInstance function)
    {
        var inputs = new InputSpec[function.InputNodes.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var node = function.InputNodes[i];
            inputs[i] = new InputSpec
            {
                Name = node.Name,
                ArrayOrder = node.Type.ArrayOrder,
                Generic = node.Type.IsGeneric,
                Initializer = function.Initializers[i],
                FlowInitializer = function.FlowInitializers[i],
            };
        }
        return inputs;
    }

    // A provided function's module: `source` itself when it is .wasm or .wat, else the .wasm beside it,
    // relative to the manifest's directory.
    private static string ImplementationLocation(FunctionInstance function, string baseDirectory)
    {
        if (function.Location.Kind != LocationKind.File) return function.Location.Url;
        var definition = function.Definition;
        string file = function.Location.Display;
        if (string.IsNullOrEmpty(definition.Source))
        {
            CompileError.Throw(file, $"Provided function '{definition.Name}' at route '{function.Route}' has no 'source'");
        }
        file = CompileError.At(file, definition.SourceLine);
        string source = Path.Combine(Path.GetDirectoryName(function.Location.Path)!, definition.Source);
        string extension = Path.GetExtension(source);
        string implementation = Array.IndexOf(WasmExtensions, extension) >= 0 ? source : Path.ChangeExtension(source, ".wasm");
        implementation = Path.GetFullPath(implementation);
        if (!File.Exists(implementation))
        {
            CompileError.Throw(file, $"Provided implementation '{DefinitionResolver.DisplayPath(implementation)}' not found");
        }
        return Path.GetRelativePath(baseDirectory, implementation).Replace('\\', '/');
    }
}
