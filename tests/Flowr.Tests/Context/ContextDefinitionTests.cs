// Copyright (c) flowr contributors. MIT licence.
using System.Text.RegularExpressions;
using Flowr.Context;
using Flowr.Runtime.Execution;

namespace Flowr.Tests.Context;

public partial class ContextDefinitionTests
{
    private static IEnumerable<string> EmbeddedPaths() =>
        ContextDefinitionFiles.Paths.Select(path => path[..^".toml".Length]);

    [Fact]
    public void Every_embedded_definition_has_an_implementation()
    {
        var services = new ContextHarness().Services;
        List<string> paths = EmbeddedPaths().ToList();
        Assert.NotEmpty(paths);
        foreach (string path in paths)
        {
            Assert.True(services.TryCreate("context://" + path, out _), $"no implementation for {path}");
        }
    }

    [Fact]
    public void Every_implementation_has_an_embedded_definition()
    {
        Assert.Equal(ContextServices.FunctionPaths.Order(StringComparer.Ordinal), EmbeddedPaths().Order(StringComparer.Ordinal));
        foreach (string path in ContextServices.FunctionPaths)
        {
            Assert.True(ContextDefinitions.Tree.TryResolve(path, out string? resolved), path);
            Assert.Equal(path + ".toml", resolved);
        }
    }

    [Theory]
    [InlineData("stdio/stdout")]
    [InlineData("stdio/stdin")]
    [InlineData("stdio/readline")]
    [InlineData("args/get")]
    [InlineData("file/file_read")]
    [InlineData("file/file_write")]
    [InlineData("image/image_buffer")]
    [InlineData("time/get")]
    public void Definitions_are_impure_functions_named_after_their_file(string path)
    {
        Assert.True(ContextDefinitions.Tree.TryResolve(path, out string? resolved));
        string text = ContextDefinitions.Tree.ReadText(resolved);
        Assert.Matches(ImpureLine(), text);
        Assert.Equal(path[(path.LastIndexOf('/') + 1)..], FunctionName().Match(text).Groups[1].Value);
    }

    [Fact]
    public void Stdout_has_one_unnamed_generic_input_and_its_format_variant_two()
    {
        Assert.True(ContextDefinitions.Tree.TryResolve("stdio/stdout", out string? plain));
        string text = ContextDefinitions.Tree.ReadText(plain);
        Assert.Single(Regex.Matches(text, @"^\[\[input\]\]", RegexOptions.Multiline));
        Assert.DoesNotMatch(@"(?m)^(name|type)\s*=", text);
        Assert.True(ContextDefinitions.Tree.TryResolve("stdio/stdout_format", out string? variant));
        Assert.Contains("name = \"format\"", ContextDefinitions.Tree.ReadText(variant));
    }

    [Theory]
    [InlineData("context://stdio/stdout/stdout")]
    [InlineData("context://stdio/stdout.toml")]
    [InlineData("context://args/get/get")]
    public void Locations_accept_a_doubled_last_segment(string location)
    {
        Assert.True(new ContextHarness().Services.TryCreate(location, out _));
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/add")]
    [InlineData("context://stdio/nothing")]
    [InlineData("context://stdio")]
    [InlineData("context://a/b/c/d")]
    [InlineData("")]
    public void Unknown_locations_have_no_implementation(string location)
    {
        Assert.False(new ContextHarness().Services.TryCreate(location, out IFunctionImplementation? implementation));
        Assert.Null(implementation);
    }

    [Fact]
    public void A_location_gives_the_same_instance_for_the_whole_run()
    {
        var services = new ContextHarness().Services;
        Assert.True(services.TryCreate("context://time/get", out var first));
        Assert.True(services.TryCreate("context://time/get/get", out var second));
        Assert.Same(first, second);
    }

    [GeneratedRegex(@"(?m)^impure\s*=\s*true\s*$")]
    private static partial Regex ImpureLine();

    [GeneratedRegex(@"(?m)^function\s*=\s*""([^""]+)""")]
    private static partial Regex FunctionName();
}
