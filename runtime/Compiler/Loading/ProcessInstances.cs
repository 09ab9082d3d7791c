// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler.Loading;

/// <summary>One use of a definition in the loaded tree: the root flow or a <c>[[process]]</c>.</summary>
internal abstract class ProcessInstance
{
    protected ProcessInstance(Definition definition, DefinitionLocation location, string alias, string route, FlowInstance? parent)
    {
        Definition = definition;
        Location = location;
        Alias = alias;
        Route = route;
        Parent = parent;
    }

    public Definition Definition { get; }

    public DefinitionLocation Location { get; }

    public string Alias { get; }

    /// <summary><c>/&lt;root flow name&gt;/&lt;alias&gt;/…</c></summary>
    public string Route { get; }

    /// <summary>The flow that contains this process (null for the root).</summary>
    public FlowInstance? Parent { get; }

    /// <summary>Nodes for the definition's inputs, in definition order.</summary>
    public IoNode[] InputNodes { get; protected init; } = [];

    /// <summary>Nodes for the definition's outputs, in definition order.</summary>
    public IoNode[] OutputNodes { get; protected init; } = [];

    /// <summary>The route of the IO named <paramref name="name"/>; a default IO's route is the process route.</summary>
    public string IoRoute(string name) => name.Length == 0 ? Route : Route + "/" + name;

    protected IoNode[] CreateNodes(IReadOnlyList<IoDefinition> ios, IoNodeKind kind)
    {
        var nodes = new IoNode[ios.Count];
        for (int i = 0; i < nodes.Length; i++) nodes[i] = new IoNode(kind, this, i, ios[i].Name, ios[i].Type, IoRoute(ios[i].Name));
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
}

/// <summary>A flow in the loaded tree.</summary>
internal sealed class FlowInstance : ProcessInstance
{
    public FlowInstance(FlowDefinition definition, DefinitionLocation location, string alias, string route, FlowInstance? parent,
        int flowId, IReadOnlyList<InitializerDefinition> initializers)
        : base(definition, location, alias, route, parent)
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

    public ProcessInstance? Child(string alias)
    {
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
    public FunctionInstance(FunctionDefinition definition, DefinitionLocation location, string alias, string route, FlowInstance parent, int id)
        : base(definition, location, alias, route, parent)
    {
        Id = id;
        Initializers = new InputInitializer?[definition.Inputs.Count];
        FlowInitializers = new InputInitializer?[definition.Inputs.Count];
        InputNodes = CreateNodes(definition.Inputs, IoNodeKind.FunctionInput);
        OutputNodes = CreateNodes(definition.Outputs, IoNodeKind.FunctionOutput);
    }

    public new FunctionDefinition Definition => (FunctionDefinition)base.Definition;

    /// <summary>The id in depth-first <c>[[process]]</c> order, before dead-code removal.</summary>
    public int Id { get; }

    public int FlowId => Parent!.FlowId;

    /// <summary>Initializers from the <c>[[process]]</c> reference, by input index.</summary>
    public InputInitializer?[] Initializers { get; }

    /// <summary>Initializers propagated from sub-flow inputs, by input index.</summary>
    public InputInitializer?[] FlowInitializers { get; }

    /// <summary>Impure functions are never removed as dead code. Every context function is impure (§7).</summary>
    public bool IsImpure => Definition.Impure || Location.Kind == LocationKind.Context;
}
