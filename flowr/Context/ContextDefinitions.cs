// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Context;

/// <summary>The TOML definitions of the context functions, embedded in the runner under
/// <c>context/</c> (Flowr.csproj); <c>context://stdio/stdout</c> resolves to <c>stdio/stdout.toml</c>.</summary>
internal static class ContextDefinitions
{
    internal const string ResourceRoot = "context";

    public static IDefinitionTree Tree { get; } = new EmbeddedDefinitionTree(typeof(ContextDefinitions).Assembly, ResourceRoot);
}
