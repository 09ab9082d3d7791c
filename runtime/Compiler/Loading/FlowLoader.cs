// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Checks;
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Toml;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler.Loading;

/// <summary>
/// Loads the root flow and every referenced definition, giving each process its alias and ids
/// (functions depth-first in [[process]] order; flows separately, root 0), and applying the
/// initializers given on function references. The walk keeps its own stack, so a chain of sub-flows
/// tens of thousands deep needs no deep recursion.
/// </summary>
internal sealed class FlowLoader
{
    private const string DefaultInputName = "default";

    private readonly DefinitionResolver _resolver;
    private readonly CompilerOptions _options;
    private readonly Dictionary<string, Definition> _definitions = new(StringComparer.Ordinal);
    // The flow definitions on the path from the root to the flow being loaded (cycle check).
    private readonly HashSet<string> _loading = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new();
    private int _nextFunctionId;
    private int _nextFlowId;

    public FlowLoader(DefinitionResolver resolver, CompilerOptions options)
    {
        _resolver = resolver;
        _options = options;
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
        // The root flow has no IOs: all its effects go through context functions.
        if (definition.Inputs.Count > 0 || definition.Outputs.Count > 0)
        {
            var io = definition.Inputs.Count > 0 ? definition.Inputs[0] : definition.Outputs[0];
            CompileError.Throw(location.Display, io.Line, $"Root flow '{definition.Name}' cannot have inputs or outputs");
        }
        var root = new FlowInstance(definition, location, definition.Name, null, _nextFlowId++, [], 0);
        Flows.Add(root);
        LoadTree(root);
        return root;
    }

    private void LoadTree(FlowInstance root)
    {
        var stack = new Stack<(FlowInstance Flow, int Next)>();
        _loading.Add(root.Location.Key);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (flow, next) = stack.Pop();
            var processes = flow.Definition.Processes;
            if (next == processes.Count)
            {
                _loading.Remove(flow.Location.Key);
                continue;
            }
            stack.Push((flow, next + 1));
            if (LoadProcess(flow, processes[next]) is { } subflow)
            {
                _loading.Add(subflow.Location.Key);
                stack.Push((subflow, 0));
            }
        }
    }

    // Adds one [[process]] of `flow`; returns it when it is a sub-flow whose children are still to load.
    private FlowInstance? LoadProcess(FlowInstance flow, ProcessReference reference)
    {
        var location = _resolver.Resolve(FormattedVariant(reference, flow.Definition) ?? reference.Source, flow.Location, reference.Line);
        var definition = Load(location);
        string alias = reference.Alias ?? definition.Name;
        string file = flow.Location.Display;
        int line = reference.Line;
        if (alias is "input" or "output") CompileError.Throw(file, line, $"'{alias}' is a reserved word and cannot be the alias of process '{flow.Route}/{alias}'");
        if (alias.Contains('/', StringComparison.Ordinal)) CompileError.Throw(file, line, $"Alias '{alias}' of process '{flow.Route}/{alias}' must not contain '/'");
        if (flow.Child(alias) is not null) CompileError.Throw(file, line, $"Duplicate alias '{alias}' in flow '{flow.Route}'");

        if (definition is FlowDefinition subflowDefinition)
        {
            if (_loading.Contains(location.Key)) CompileError.Throw(file, line, $"Flow '{flow.Route}/{alias}' includes itself");
            var subflow = new FlowInstance(subflowDefinition, location, alias, flow, _nextFlowId++, reference.Initializers, reference.Line);
            foreach (var initializer in reference.Initializers)
            {
                InitializerChecker.Check(initializer, subflow.InputNodes[InputIndex(subflow, initializer, file)], file);
            }
            Flows.Add(subflow);
            flow.AddChild(subflow);
            return subflow;
        }

        var functionDefinition = (FunctionDefinition)definition;
        CheckFunction(functionDefinition, location);
        var function = new FunctionInstance(functionDefinition, location, alias, flow, _nextFunctionId++, reference.Line);
        foreach (var initializer in reference.Initializers)
        {
            int index = InputIndex(function, initializer, file);
            InitializerChecker.Check(initializer, function.InputNodes[index], file);
            function.Initializers[index] = initializer.Initializer;
        }
        Functions.Add(function);
        flow.AddChild(function);
        return null;
    }

    /// <summary>
    /// The later stdout and stderr take a <c>value</c> and a <c>format</c>. A flow written for them
    /// initializes <c>format</c> or connects to <c>&lt;alias&gt;/value</c> or <c>&lt;alias&gt;/format</c>;
    /// such a reference gets the two-input definition (<c>context://stdio/stdout_format</c>), every
    /// other one the single generic input of the older definition.
    /// </summary>
    private static string? FormattedVariant(ProcessReference reference, FlowDefinition parent)
    {
        if (reference.Source is not ("context://stdio/stdout" or "context://stdio/stderr")) return null;
        string alias = reference.Alias ?? reference.Source[(reference.Source.LastIndexOf('/') + 1)..];
        bool usesFormat = reference.Initializers.Any(i => i.InputName is "format" or "value")
            || parent.HasDestination(alias + "/value") || parent.HasDestination(alias + "/format");
        return usesFormat ? reference.Source + "_format" : null;
    }

    /// <summary>The input an initializer names; the single unnamed input is called "default".</summary>
    public static int InputIndex(ProcessInstance process, InitializerDefinition initializer, string file)
    {
        var inputs = process.Definition.Inputs;
        int index = Definition.IndexOf(inputs, initializer.InputName);
        if (index < 0 && initializer.InputName == DefaultInputName) index = Definition.IndexOf(inputs, "");
        if (index < 0)
        {
            var names = inputs.Select(input => input.Name.Length == 0 ? DefaultInputName : input.Name);
            CompileError.Throw(file, initializer.Line, $"Process '{process.Route}' has no input '{initializer.InputName}' to initialize"
                + Suggestions.Describe(initializer.InputName, names, "its inputs"));
        }
        return index;
    }

    // Pure functions need an input and an output; only the context may define impure ones.
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
        // Notices about a library's or the context's own files are not the user's to act on.
        var notices = location.IsUsers ? _options.Warning : _options.Debug;
        var definition = DefinitionParser.Parse(text, location.Display, notices, _strings);
        _definitions[location.Key] = definition;
        SourceUrls.Add(new(location.Url, location.ResolvedUrl));
        return definition;
    }
}
