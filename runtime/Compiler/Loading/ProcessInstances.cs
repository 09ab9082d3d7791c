// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler.Loading;

/// <summary>One use of a definition in the loaded tree: the root flow or a <c>[[process]]</c>.</summary>
internal abstract class ProcessInstance
{
    protected ProcessInstance(Definition definition, DefinitionLocation location, string alias, FlowInstance? parent, int referenceLine)
    {
        Definition = definition;
        Location = location;
        Alias = alias;
        Parent = parent;
        ReferenceLine = referenceLine;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public Definition Definition { get; }

    public DefinitionLocation Location { get; }

    public string Alias { get; }

    /// <summary>The flow that contains this process (null for the root).</summary>
    public FlowInstance? Parent { get; }

    /// <summary>The line of the <c>[[process]]</c> entry in the parent's file (0 for the root).</summary>
    public int ReferenceLine { get; }

    /// <summary>Nesting depth: 0 for the root flow.</summary>
    public int Depth { get; }

    /// <summary>
    /// <c>/&lt;root flow name&gt;/&lt;alias&gt;/…</c>, built from the parents when asked. Routes are not
    /// stored for flows: in a flow nested n deep every route is O(n) long, and storing one per level
    /// would make memory quadratic in the depth.
    /// </summary>
    public virtual string Route => BuildRoute();

    /// <summary>Where the parent's file declares this process: "file:line" (the file alone for the root).</summary>
    public string ReferenceDisplay => Parent is null ? Location.Display : CompileError.At(Parent.Location.Display, ReferenceLine);

    /// <summary>Nodes for the definition's inputs, in definition order.</summary>
    public IoNode[] InputNodes { get; protected init; } = [];

    /// <summary>Nodes for the definition's outputs, in definition order.</summary>
    public IoNode[] OutputNodes { get; protected init; } = [];

    /// <summary>The route of the IO named <paramref name="name"/>; a default IO's route is the process route.</summary>
    public string IoRoute(string name) => name.Length == 0 ? Route : Route + "/" + name;

    protected string BuildRoute()
    {
        var aliases = new string[Depth + 1];
        int length = 0;
        ProcessInstance? process = this;
        for (int i = Depth; i >= 0; i--, process = process.Parent)
        {
            aliases[i] = process!.Alias;
            length += aliases[i].Length + 1;
        }
        var route = new StringBuilder(length);
        foreach (string alias in aliases) route.Append('/').Append(alias);
        return route.ToString();
    }

    protected IoNode[] CreateNodes(IReadOnlyList<IoDefinition> ios, IoNodeKind kind)
    {
        if (ios.Count == 0) return [];
        var nodes = new IoNode[ios.Count];
        for (int i = 0; i < nodes.Length; i++) nodes[i] = new IoNode(kind, this, i, ios[i].Name, ios[i].Type);
        return nodes;
    }

    public static IoNode? Find(IoNode[] nodes, string name)
    {
        foreach (var node in nodes)
        {
            if (string.Equals(node.Name, name, StringComparison.Ordinal)) return node;
        }
        return null;
    }

    /// <summary>The names of <paramref name="nodes"/> for messages ("" shown as the default IO).</summary>
    public static IEnumerable<string> Names(IoNode[] nodes) => nodes.Select(node => node.Name);
}

/// <summary>A flow in the loaded tree.</summary>
internal sealed class FlowInstance : ProcessInstance
{
    // NOTE: a flow's children are found by alias for every connection end; past a few children a
    // dictionary keeps that constant-time (flows written by programs have tens of thousands).
    private const int IndexThreshold = 8;
    private Dictionary<string, ProcessInstance>? _byAlias;

    public FlowInstance(FlowDefinition definition, DefinitionLocation location, string alias, FlowInstance? parent,
        int flowId, IReadOnlyList<InitializerDefinition> initializers, int referenceLine)
        : base(definition, location, alias, parent, referenceLine)
    {
        FlowId = flowId;
        Initializers = initializers;
        InputNodes = CreateNodes(definition.Inputs, IoNodeKind.FlowInput);
        OutputNodes = CreateNodes(definition.Outputs, IoNodeKind.FlowOutput);
    }

    public new FlowDefinition Definition => (FlowDefinition)base.Definition;

    public int FlowId { get; }

    /// <summary>Initializers given on this sub-flow's inputs by its <c>[[process]]</c> reference.</summary>
    public IReadOnlyList<InitializerDefinition> Initializers { get; }

    /// <summary>Sub-processes in <c>[[process]]</c> order.</summary>
    public List<ProcessInstance> Children { get; } = [];

    public void AddChild(ProcessInstance child)
    {
        Children.Add(child);
        if (_byAlias is not null)
        {
            _byAlias[child.Alias] = child;
        }
        else if (Children.Count > IndexThreshold)
        {
            _byAlias = new Dictionary<string, ProcessInstance>(StringComparer.Ordinal);
            foreach (var existing in Children) _byAlias[existing.Alias] = existing;
        }
    }

    public ProcessInstance? Child(string alias)
    {
        if (_byAlias is not null) return _byAlias.GetValueOrDefault(alias);
        foreach (var child in Children)
        {
            if (string.Equals(child.Alias, alias, StringComparison.Ordinal)) return child;
        }
        return null;
    }
}

/// <summary>A function in the loaded tree.</summary>
internal sealed class FunctionInstance : ProcessInstance
{
    private string? _route;

    public FunctionInstance(FunctionDefinition definition, DefinitionLocation location, string alias, FlowInstance parent, int id, int referenceLine)
        : base(definition, location, alias, parent, referenceLine)
    {
        Id = id;
        Initializers = new InputInitializer?[definition.Inputs.Count];
        FlowInitializers = new InputInitializer?[definition.Inputs.Count];
        InputNodes = CreateNodes(definition.Inputs, IoNodeKind.FunctionInput);
        OutputNodes = CreateNodes(definition.Outputs, IoNodeKind.FunctionOutput);
    }

    public new FunctionDefinition Definition => (FunctionDefinition)base.Definition;

    /// <summary>A function's route goes into the manifest, so it is built once and kept.</summary>
    public override string Route => _route ??= BuildRoute();

    /// <summary>The id in depth-first <c>[[process]]</c> order, before dead-code removal.</summary>
    public int Id { get; }

    public int FlowId => Parent!.FlowId;

    /// <summary>Initializers from the <c>[[process]]</c> reference, by input index.</summary>
    public InputInitializer?[] Initializers { get; }

    /// <summary>Initializers propagated from sub-flow inputs, by input index.</summary>
    public InputInitializer?[] FlowInitializers { get; }

    /// <summary>Impure functions are never removed as dead code. Every context function is impure.</summary>
    public bool IsImpure => Definition.Impure || Location.Kind == LocationKind.Context;
}
