// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler.Gathering;

internal enum IoNodeKind : byte
{
    FunctionInput,
    FunctionOutput,
    FlowInput,
    FlowOutput,
}

/// <summary>An input or output of a function or flow instance: an end of a connection hop.</summary>
internal sealed class IoNode
{
    public IoNode(IoNodeKind kind, ProcessInstance owner, int index, string name, DataType type, string route)
    {
        Kind = kind;
        Owner = owner;
        Index = index;
        Name = name;
        Type = type;
        Route = route;
    }

    public IoNodeKind Kind { get; }

    public ProcessInstance Owner { get; }

    /// <summary>Index in the owner's inputs or outputs.</summary>
    public int Index { get; }

    /// <summary>The IO name; "" for a default IO.</summary>
    public string Name { get; }

    public DataType Type { get; }

    public string Route { get; }

    public bool IsFlowIo => Kind is IoNodeKind.FlowInput or IoNodeKind.FlowOutput;

    /// <summary>For a flow IO: the hops that continue from it, in declaration order.</summary>
    public List<ConnectionHop> Outgoing { get; } = [];
}

/// <summary>
/// One declared connection to one destination. <see cref="FromInput"/> marks a function input used as
/// a source (§2.5 "connections from inputs").
/// </summary>
internal sealed record ConnectionHop(IoNode From, bool FromInput, string Subroute, IoNode To, string Name, FlowInstance DeclaredIn)
{
    public string FromRoute => From.Route + Subroute;
}
