// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;

namespace Flowr.Runtime.Compiler.Loading;

/// <summary>
/// §3 step 1: loads the root flow and every referenced definition recursively, giving each process
/// its alias, route and ids (functions depth-first in [[process]] order; flows separately, root 0),
/// and applying the initializers given on function references.
/// </summary>
internal sealed class FlowLoader
{
    private const string DefaultInputName = "default";

    private readonly DefinitionResolver _resolver;
    private readonly Action<string>? _warning;
    private readonly Dictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    private readonly List<string> _loading = [];
    private int _nextFunctionId;
    private int _nextFlowId;

    public FlowLoader(DefinitionResolver resolver, Action<string>? warning)
    {
        _resolver = resolver;
        _warning = warning;
    }

    /// <summary>Every function in id order.</summary>
    public List<FunctionInstance> Functions { get; } = [];

    /// <summary>Every flow in id order (root first).</summary>
    public List<FlowInstance> Flows { get; } = [];

    /// <summary>(url, resolved url) of every definition file loaded, in load order.</summary>
    public List<KeyValuePair<string, string>> SourceUrls { get; } = [];

    public FlowInstance LoadRoot(string flowPath)
    {
        var location = _resolver.ResolveRoot(flowPath);
        if (Load(location) is not FlowDefinition definition)
        {
            throw new CompileException(CompileError.Format(location.Display, "the root definition is a function, not a flow"));
        }
        // §3 step 6: the root flow has no IOs; all effects go through context functions.
        if (definition.Inputs.Count > 0 || definition.Outputs.Count > 0)
        {
            CompileError.Throw(location.Display, $"Root flow '{definition.Name}' cannot have inputs or outputs");
        }
        var root = new FlowInstance(definition, location, definition.Name, "/" + definition.Name, null, _nextFlowId++, []);
        Flows.Add(root);
        LoadChildren(root);
        return root;
    }

    private void LoadChildren(FlowInstance flow)
    {
        _loading.Add(flow.Location.Key);
        foreach (var reference in flow.Definition.Processes)
        {
            var location = _resolver.Resolve(FormattedVariant(reference, flow.Definition) ?? reference.Source, flow.Location);
            var definition = Load(location);
            string alias = reference.Alias ?? definition.Name;
            string route = flow.Route + "/" + alias;
            string file = flow.Location.Display;
            if (alias is "input" or "output") CompileError.Throw(file, $"'{alias}' is a reserved word and cannot be the alias of process '{route}'");
            if (alias.Contains('/', StringComparison.Ordinal)) CompileError.Throw(file, $"Alias '{alias}' of process '{route}' must not contain '/'");
            if (flow.Child(alias) is not null) CompileError.Throw(file, $"Duplicate alias '{alias}' in flow '{flow.Route}'");

            if (definition is FlowDefinition subflowDefinition)
            {
                if (_loading.Contains(location.Key)) CompileError.Throw(file, $"Flow '{route}' includes itself");
                foreach (var initializer in reference.Initializers) InputIndex(subflowDefinition, initializer, route, file);
                var subflow = new FlowInstance(subflowDefinition, location, alias, route, flow, _nextFlowId++, reference.Initializers);
                Flows.Add(subflow);
                flow.Children.Add(subflow);
                LoadChildren(subflow);
            }
            else
            {
                var functionDefinition = (FunctionDefinition)definition;
                CheckFunction(functionDefinition, location);
                var function = new FunctionInstance(functionDefinition, location, alias, route, flow, _nextFunctionId++);
                foreach (var initializer in reference.Initializers)
                {
                    function.Initializers[InputIndex(functionDefinition, initializer, route, file)] = initializer.Initializer;
                }
                Functions.Add(function);
                flow.Children.Add(function);
            }
        }
        _loading.RemoveAt(_loading.Count - 1);
    }

    /// <summary>
    /// Era B's stdout and stderr take a <c>value</c> and a <c>format</c> (flow-language.md §7). A flow
    /// written for them initializes <c>format</c> or connects to <c>&lt;alias&gt;/value</c> or
    /// <c>&lt;alias&gt;/format</c>; such a reference gets the two-input definition
    /// (<c>context://stdio/stdout_format</c>), every other one the single generic input of Era A.
    /// </summary>
    private static string? FormattedVariant(ProcessReference reference, FlowDefinition parent)
    {
        if (reference.Source is not ("context://stdio/stdout" or "context://stdio/stderr")) return null;
        string alias = reference.Alias ?? reference.Source[(reference.Source.LastIndexOf('/') + 1)..];
        bool usesFormat = reference.Initializers.Any(i => i.InputName is "format" or "value")
            || parent.Connections.Any(c => c.To.Any(to => to == alias + "/value" || to == alias + "/format"));
        return usesFormat ? reference.Source + "_format" : null;
    }

    /// <summary>§2.3: the input an initializer names; the single unnamed input is called "default".</summary>
    public static int InputIndex(Definition definition, InitializerDefinition initializer, string route, string file)
    {
        int index = Definition.IndexOf(definition.Inputs, initializer.InputName);
        if (index < 0 && initializer.InputName == DefaultInputName) index = Definition.IndexOf(definition.Inputs, "");
        if (index < 0)
        {
            CompileError.Throw(file, $"Process '{route}' has no input '{initializer.InputName}' to initialize");
        }
        return index;
    }

    // §2.2: pure functions need an input and an output; only the context may define impure ones.
    private static void CheckFunction(FunctionDefinition definition, DefinitionLocation location)
    {
        if (definition.Impure || location.Kind == LocationKind.Context)
        {
            if (location.Kind != LocationKind.Context)
            {
                CompileError.Throw(location.Display, $"Function '{definition.Name}' is impure, but only context functions may be impure");
            }
            if (definition.Inputs.Count == 0 && definition.Outputs.Count == 0)
            {
                CompileError.Throw(location.Display, $"Function '{definition.Name}' has no inputs and no outputs");
            }
        }
        else if (definition.Inputs.Count == 0 || definition.Outputs.Count == 0)
        {
            CompileError.Throw(location.Display, $"Function '{definition.Name}' must have at least one input and one output");
        }
    }

    private Definition Load(DefinitionLocation location)
    {
        if (_definitions.TryGetValue(location.Key, out var cached)) return cached;
        string text;
        try
        {
            text = location.ReadText();
        }
        catch (IOException exception)
        {
            throw new CompileException(CompileError.Format(location.Display, $"Could not read definition: {exception.Message}"), exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CompileException(CompileError.Format(location.Display, $"Could not read definition: {exception.Message}"), exception);
        }
        var definition = DefinitionParser.Parse(text, location.Display, _warning);
        _definitions[location.Key] = definition;
        SourceUrls.Add(new(location.Url, location.ResolvedUrl));
        return definition;
    }
}
