// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Model;

/// <summary>One function of a compiled flow.</summary>
public sealed class FunctionSpec
{
    /// <summary>Index in the manifest.</summary>
    public required int Id { get; init; }

    /// <summary>Id of the flow that contained it (root = 0); used for flow-idle and blocking rules.</summary>
    public required int FlowId { get; init; }

    /// <summary>The alias (debug information; may be empty when read from a manifest without it).</summary>
    public string Name { get; init; } = "";

    /// <summary>The route, e.g. <c>/my-first-flow/add</c> (debug information; may be empty).</summary>
    public string Route { get; init; } = "";

    /// <summary><c>lib://…</c>, <c>context://…</c>, or a path to a <c>.wasm</c> relative to the manifest.</summary>
    public required string ImplementationLocation { get; init; }

    public IReadOnlyList<InputSpec> Inputs { get; init; } = [];

    /// <summary>Output connections in declaration order: the order values are sent in.</summary>
    public IReadOnlyList<OutputConnection> OutputConnections { get; init; } = [];

    /// <summary>True for context (impure) functions, which run in the runner on their own thread.</summary>
    public bool IsContext => ImplementationLocation.StartsWith("context://", StringComparison.Ordinal);

    /// <summary>A name for messages: the route when known, else the implementation location.</summary>
    public string DisplayName => Route.Length > 0 ? Route : $"#{Id} {ImplementationLocation}";
}
