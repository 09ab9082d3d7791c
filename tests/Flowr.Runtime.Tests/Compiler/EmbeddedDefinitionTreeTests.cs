// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class EmbeddedDefinitionTreeTests
{
    private const string Root = "flowstdlib";

    // The runtime assembly embeds its flowstdlib definitions as "flowstdlib/<path>".
    private static readonly System.Reflection.Assembly Runtime = typeof(Flowr.Runtime.Library.FlowStdLib).Assembly;

    private static List<string> EmbeddedPaths() =>
        Runtime.GetManifestResourceNames()
            .Where(name => name.StartsWith(Root + "/", StringComparison.Ordinal) && name.EndsWith(".toml", StringComparison.Ordinal))
            .Select(name => name[(Root.Length + 1)..])
            .ToList();

    [Fact]
    public void Every_embedded_definition_resolves_with_and_without_its_extension()
    {
        var tree = new EmbeddedDefinitionTree(Runtime, Root);
        var paths = EmbeddedPaths();

        Assert.NotEmpty(paths);
        foreach (string path in paths)
        {
            Assert.True(tree.TryResolve(path, out var exact));
            Assert.Equal(path, exact);
            Assert.True(tree.TryResolve(path[..^".toml".Length], out var bare));
            Assert.Equal(path, bare);
            string text = tree.ReadText(bare);
            Assert.True(text.Contains("function", StringComparison.Ordinal) || text.Contains("flow", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Missing_paths_and_paths_leaving_the_root_do_not_resolve()
    {
        var tree = new EmbeddedDefinitionTree(Runtime, Root + "/");

        Assert.Equal(Root, tree.Root);
        Assert.False(tree.TryResolve("no/such/definition", out _));
        Assert.False(tree.TryResolve("", out _));
        string first = EmbeddedPaths()[0];
        Assert.False(tree.TryResolve("../" + first, out _));
        Assert.True(tree.TryResolve("./" + first, out var dotted));
        Assert.Equal(first, dotted);
    }

    [Fact]
    public void A_tree_over_another_root_sees_none_of_them()
    {
        var tree = new EmbeddedDefinitionTree(Runtime, "nothing-here");

        Assert.False(tree.TryResolve(EmbeddedPaths()[0], out _));
    }
}
