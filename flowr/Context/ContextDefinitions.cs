// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Context;

/// <summary>The TOML definitions of the context functions (Context/context/, compiled into the runner
/// by Flowr.csproj); <c>context://stdio/stdout</c> resolves to <c>stdio/stdout.toml</c>.</summary>
internal static class ContextDefinitions
{
    internal const string Root = "context";

    public static IDefinitionTree Tree { get; } = new BuiltInDefinitionTree(Root, ContextDefinitionFiles.Paths, ContextDefinitionFiles.Utf8);
}
