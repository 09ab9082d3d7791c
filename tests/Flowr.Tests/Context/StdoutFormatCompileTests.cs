// Copyright (c) flowr contributors. MIT licence.
using Flowr.Context;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Tests.Context;

/// <summary>The compiler picks Era B's two-input stdout only for flows that use its format input.</summary>
public sealed class StdoutFormatCompileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-format-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Runtime.Model.FlowManifest Compile(string toml)
    {
        File.WriteAllText(Path.Combine(_dir, "root.toml"), toml);
        return new FlowCompiler(new CompilerOptions
        {
            StandardLibrary = BuiltInDefinitionTree.StandardLibrary(),
            Context = ContextDefinitions.Tree,
        }).Compile(_dir);
    }

    private const string Producer = """
        flow = "f"
        [[process]]
        source = "lib://flowstdlib/math/add"
        input.i1 = { once = 40 }
        input.i2 = { once = 2 }
        """;

    [Theory]
    [InlineData("input.format = { always = '{}' }", "stdout/value")]
    [InlineData("alias = 'out'\ninput.format = { once = '= {}' }", "out/value")]
    public void A_flow_using_format_or_value_gets_the_two_input_stdout(string extra, string destination)
    {
        var manifest = Compile(Producer + $"\n[[process]]\nsource = \"context://stdio/stdout\"\n{extra}\n[[connection]]\nfrom = \"add\"\nto = \"{destination}\"\n");
        var stdout = Assert.Single(manifest.Functions, f => f.IsContext);
        Assert.Equal("context://stdio/stdout_format", stdout.ImplementationLocation);
        Assert.Equal(2, stdout.Inputs.Count);
    }

    [Fact]
    public void A_flow_connecting_to_stdout_directly_keeps_the_single_generic_input()
    {
        var manifest = Compile(Producer + "\n[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"add\"\nto = \"stdout\"\n");
        var stdout = Assert.Single(manifest.Functions, f => f.IsContext);
        Assert.Equal("context://stdio/stdout", stdout.ImplementationLocation);
        Assert.True(Assert.Single(stdout.Inputs).Generic);
    }
}
