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
    private List<ConnectionHop>? _outgoing;

    public IoNode(IoNodeKind kind, ProcessInstance owner, int index, string name, DataType type)
    {
        Kind = kind;
        Owner = owner;
        Index = index;
        Name = name;
        Type = type;
    }

    public IoNodeKind Kind { get; }

    public ProcessInstance Owner { get; }

    /// <summary>Index in the owner's inputs or outputs.</summary>
    public int Index { get; }

    /// <summary>The IO name; "" for a default IO.</summary>
    public string Name { get; }

    public DataType Type { get; }

    /// <summary>Built when asked (for messages and the manifest), not stored: see <see cref="ProcessInstance.Route"/>.</summary>
    public string Route => Owner.IoRoute(Name);

    public bool IsFlowIo => Kind is IoNodeKind.FlowInput or IoNodeKind.FlowOutput;

    /// <summary>For a flow IO: the hops that continue from it, in declaration order.</summary>
    public IReadOnlyList<ConnectionHop> Outgoing => (IReadOnlyList<ConnectionHop>?)_outgoing ?? [];

    public void AddOutgoing(ConnectionHop hop) => (_outgoing ??= []).Add(hop);

    /// <summary>For a flow IO, once collapsed: the function inputs it leads to (see <see cref="ConnectionCollapser"/>).</summary>
    internal Reached[]? Reach { get; set; }

    internal ReachState State { get; set; }

    /// <summary>While <see cref="State"/> is <see cref="ReachState.InProgress"/>: its place on the walk's stack.</summary>
    internal int StackIndex { get; set; }
}

internal enum ReachState : byte
{
    Unvisited,
    InProgress,
    Done,
}

/// <summary>A function input reached from a flow IO, with the sub-route gathered on the way.</summary>
internal readonly record struct Reached(IoNode Input, string Subroute);

/// <summary>
/// One declared connection to one destination. <see cref="FromInput"/> marks a function input used as
/// a source (a connection from the value an input held for the job).
/// </summary>
internal sealed record ConnectionHop(IoNode From, bool FromInput, string Subroute, IoNode To, string Name, FlowInstance DeclaredIn, int Line)
{
    public string FromRoute => From.Route + Subroute;

    /// <summary>"file:line" of the <c>[[connection]]</c> that declared the hop.</summary>
    public string Display => CompileError.At(DeclaredIn.Location.Display, Line);
}
