// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class BuiltInDefinitionTreeTests
{
    private static string LibraryFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "flowr.sln"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("flowr.sln not found above the test binaries"),
            "runtime", "Library", "flowstdlib");
    }

    [Fact]
    public void The_compiled_in_definitions_are_the_files_byte_for_byte()
    {
        string folder = LibraryFolder();
        var onDisk = Directory.EnumerateFiles(folder, "*.toml", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(onDisk, FlowStdLibDefinitions.Paths);
        for (int index = 0; index < onDisk.Count; index++)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(folder, onDisk[index])).AsSpan().SequenceEqual(FlowStdLibDefinitions.Utf8(index)), onDisk[index]);
        }
        // The generator doubles quotes inside its verbatim literals: some definitions must hold one.
        Assert.Contains(onDisk, path => File.ReadAllText(Path.Combine(folder, path)).Contains('"'));
    }

    [Fact]
    public void Every_definition_resolves_with_and_without_its_extension()
    {
        var tree = BuiltInDefinitionTree.StandardLibrary();

        Assert.Equal(FlowStdLib.Name, tree.Root);
        foreach (string path in FlowStdLibDefinitions.Paths)
        {
            Assert.True(tree.TryResolve(path, out var exact));
            Assert.Equal(path, exact);
            Assert.True(tree.TryResolve(path[..^".toml".Length], out var bare));
            Assert.Equal(path, bare);
            string text = tree.ReadText(bare);
            Assert.True(text.Contains("function", StringComparison.Ordinal) || text.Contains("flow", StringComparison.Ordinal));
        }
        Assert.Equal(FlowStdLibDefinitions.Paths.Order(StringComparer.Ordinal), tree.DefinitionPaths().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Missing_paths_and_paths_leaving_the_root_do_not_resolve()
    {
        var tree = new BuiltInDefinitionTree(FlowStdLib.Name + "/", FlowStdLibDefinitions.Paths, FlowStdLibDefinitions.Utf8);

        Assert.Equal(FlowStdLib.Name, tree.Root);
        Assert.False(tree.TryResolve("no/such/definition", out _));
        Assert.False(tree.TryResolve("", out _));
        string first = FlowStdLibDefinitions.Paths[0];
        Assert.False(tree.TryResolve("../" + first, out _));
        Assert.True(tree.TryResolve("./" + first, out var dotted));
        Assert.Equal(first, dotted);
        Assert.Throws<FileNotFoundException>(() => tree.ReadText("no/such/definition.toml"));
    }

    [Fact]
    public void A_directory_resolves_to_the_definition_named_after_it()
    {
        var tree = new BuiltInDefinitionTree("test", ["a/b/b.toml", "a/c.toml"], index => index == 0 ? "function = \"b\""u8 : "function = \"c\""u8);

        Assert.True(tree.TryResolve("a/b", out var directory));
        Assert.Equal("a/b/b.toml", directory);
        Assert.Equal("function = \"b\"", tree.ReadText(directory));
        Assert.True(tree.TryResolve("a/c", out var file));
        Assert.Equal("function = \"c\"", tree.ReadText(file));
        Assert.False(tree.TryResolve("a", out _));
    }

    [Fact]
    public void Paths_out_of_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BuiltInDefinitionTree("test", ["b.toml", "a.toml"], _ => "x"u8));
    }
}
