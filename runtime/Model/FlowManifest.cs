// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Model;

/// <summary>
/// A compiled flow: every function flattened out of its sub-flows, with its inputs and output
/// connections. This is what the compiler produces, what <c>manifest.json</c> stores, and what the
/// coordinator runs. Function <c>i</c> has <see cref="FunctionSpec.Id"/> <c>i</c>.
/// </summary>
public sealed class FlowManifest
{
    public FlowMetadata Metadata { get; init; } = FlowMetadata.Empty;

    /// <summary>Sorted <c>lib://…</c> references used by the flow.</summary>
    public IReadOnlyList<string> LibReferences { get; init; } = [];

    /// <summary>Sorted <c>context://…</c> references used by the flow.</summary>
    public IReadOnlyList<string> ContextReferences { get; init; } = [];

    /// <summary>The functions, indexed by id.</summary>
    public required IReadOnlyList<FunctionSpec> Functions { get; init; }

    /// <summary>Debug information: (url, resolved url) of every definition file loaded.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SourceUrls { get; init; } = [];

    /// <summary>The URL or path the flow was loaded from; becomes <c>args[0]</c>.</summary>
    public string FlowUrl { get; init; } = "";

    /// <summary>Directory that relative provided-implementation paths are resolved against.</summary>
    public string BaseDirectory { get; init; } = "";
}

/// <summary>The root flow's <c>[metadata]</c>.</summary>
public sealed record FlowMetadata(string Name, string Version, string Description, IReadOnlyList<string> Authors)
{
    public static FlowMetadata Empty { get; } = new("", "", "", []);
}
