// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Checks;
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// Compiles a tree of TOML flow definitions into a <see cref="FlowManifest"/>: load, gather, collapse
/// connections, type check, remove dead code, check, build the manifest. Every step is linear in
/// the size of the flow (processes, connections, nesting depth) plus the size of the manifest.
/// </summary>
public sealed class FlowCompiler
{
    private readonly CompilerOptions _options;

    /// <summary>Creates a compiler with the given options.</summary>
    public FlowCompiler(CompilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>
    /// Compiles the flow at <paramref name="flowPath"/>: a directory (its <c>root.toml</c>, or
    /// <c>&lt;dir name&gt;.toml</c>) or a definition file, relative to the working directory.
    /// </summary>
    /// <exception cref="CompileException">The definition is invalid; the message names the file and route.</exception>
    public FlowManifest Compile(string flowPath)
    {
        ArgumentNullException.ThrowIfNull(flowPath);
        var loader = new FlowLoader(new DefinitionResolver(_options), _options);
        var root = loader.LoadRoot(flowPath);

        var hops = ConnectionResolver.ResolveAll(loader.Flows);
        var collapser = new ConnectionCollapser(_options);
        var connections = collapser.Collapse(hops);
        collapser.PropagateFlowInitializers(loader.Flows);

        var functions = loader.Functions;
        if (_options.RemoveDeadCode) (functions, connections) = DeadCodeRemover.Remove(functions, connections);
        FlowChecker.Check(root, functions, connections);
        return ManifestBuilder.Build(root, functions, connections, loader.SourceUrls);
    }
}
