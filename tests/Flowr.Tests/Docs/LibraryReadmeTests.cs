// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Tests.Docs;

/// <summary>runtime/Library/README.md lists every flowstdlib function with the input and output names and types of its definition.</summary>
public sealed class LibraryReadmeTests
{
    [Fact]
    public void The_function_table_is_current_with_the_embedded_definitions()
    {
        string readme = File.ReadAllText(LibraryReadme.ReadmePath);
        string regenerated = LibraryReadme.Regenerate(readme);
        if (Environment.GetEnvironmentVariable("FLOWR_UPDATE_DOCS") == "1" && regenerated != readme)
        {
            File.WriteAllText(LibraryReadme.ReadmePath, regenerated);
            readme = regenerated;
        }
        Assert.True(regenerated == readme,
            $"{LibraryReadme.ReadmePath} is out of date with the definitions; run FLOWR_UPDATE_DOCS=1 dotnet test tests/Flowr.Tests --filter LibraryReadme, then review the diff");
    }

    [Fact]
    public void Types_are_shown_as_written_and_a_missing_type_means_any_value()
    {
        Assert.Equal("i1: number, i2: number", LibraryReadme.Describe([("i1", "number"), ("i2", "number")]));
        Assert.Equal("(default): any", LibraryReadme.Describe([("", "")]));
        Assert.Equal("–", LibraryReadme.Describe([]));
    }

    [Fact]
    public void Every_embedded_definition_is_found()
    {
        var definitions = LibraryReadme.Definitions();
        Assert.Contains(definitions, d => d.Path == "math/add" && !d.IsFlow && d.Inputs.Count == 2);
        Assert.Contains(definitions, d => d.Path == "math/sequence" && d.IsFlow);
        Assert.Equal(definitions.Count, Directory.GetFiles(Path.Combine(Path.GetDirectoryName(LibraryReadme.ReadmePath)!, "flowstdlib"), "*.toml", SearchOption.AllDirectories).Length);
    }
}
