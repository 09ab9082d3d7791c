// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class FibonacciCompileTests : IDisposable
{
    // As upstream's flowr/examples/fibonacci/root.toml (and examples/fibonacci here).
    internal const string Fibonacci = """
        flow = "my-first-flow"
        docs = "DESCRIPTION.md"

        [[process]]
        source = "lib://flowstdlib/math/add"
        input.i1 = { once = 0 }
        input.i2 = { once = 1 }

        [[process]]
        source = "context://stdio/stdout"

        [[connection]]
        from = "add"
        to = "add/i2"

        [[connection]]
        name = "next value"
        from = "add"
        to = "stdout"

        [[connection]]
        name = "previous"
        from = "add/i2"
        to = "add/i1"
        """;

    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Fibonacci_compiles_to_the_structure_of_section_4_1()
    {
        var manifest = _files.CompileRoot(Fibonacci);

        Assert.Equal(FlowMetadata.Empty.Name, manifest.Metadata.Name);
        Assert.Empty(manifest.Metadata.Authors);
        Assert.Equal(["lib://flowstdlib/math/add"], manifest.LibReferences);
        Assert.Equal(["context://stdio/stdout"], manifest.ContextReferences);
        Assert.Equal(2, manifest.Functions.Count);

        var add = manifest.Functions[0];
        Assert.Equal(0, add.Id);
        Assert.Equal(0, add.FlowId);
        Assert.Equal("lib://flowstdlib/math/add", add.ImplementationLocation);
        Assert.Equal(2, add.Inputs.Count);
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(0)), add.Inputs[0].Initializer);
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(1)), add.Inputs[1].Initializer);
        Assert.All(add.Inputs, input => Assert.False(input.Generic));
        Assert.All(add.Inputs, input => Assert.Equal(0, input.ArrayOrder));
        Assert.All(add.Inputs, input => Assert.Null(input.FlowInitializer));

        Assert.Equal(3, add.OutputConnections.Count);
        AssertConnection(add.OutputConnections[0], ConnectionSource.WholeOutput, 0, 1, 0);
        AssertConnection(add.OutputConnections[1], ConnectionSource.WholeOutput, 1, 0, 0);
        AssertConnection(add.OutputConnections[2], ConnectionSource.FromInput(1), 0, 0, 0);

        var stdout = manifest.Functions[1];
        Assert.Equal(1, stdout.Id);
        Assert.Equal(0, stdout.FlowId);
        Assert.Equal("context://stdio/stdout", stdout.ImplementationLocation);
        var stdoutInput = Assert.Single(stdout.Inputs);
        Assert.True(stdoutInput.Generic);
        Assert.Null(stdoutInput.Initializer);
        Assert.Empty(stdout.OutputConnections);
    }

    [Fact]
    public void Fibonacci_carries_debug_information()
    {
        var manifest = _files.CompileRoot(Fibonacci);

        var add = manifest.Functions[0];
        Assert.Equal("add", add.Name);
        Assert.Equal("/my-first-flow/add", add.Route);
        Assert.Equal(["i1", "i2"], add.Inputs.Select(i => i.Name));
        Assert.Equal("/my-first-flow/add/i2", add.OutputConnections[0].DestinationRoute);
        Assert.Equal("", add.OutputConnections[0].Name);
        Assert.Equal("/my-first-flow/stdout", add.OutputConnections[1].DestinationRoute);
        Assert.Equal("next value", add.OutputConnections[1].Name);
        Assert.Equal("/my-first-flow/add/i1", add.OutputConnections[2].DestinationRoute);
        Assert.Equal("previous", add.OutputConnections[2].Name);
        Assert.Equal("stdout", manifest.Functions[1].Name);
        Assert.Equal("/my-first-flow/stdout", manifest.Functions[1].Route);

        string rootFile = _files.PathOf("root.toml");
        Assert.Contains(manifest.SourceUrls, pair => pair.Value == "file://" + rootFile);
        Assert.Contains(manifest.SourceUrls, pair => pair.Key == "lib://flowstdlib/math/add");
        Assert.Contains(manifest.SourceUrls, pair => pair.Key == "context://stdio/stdout");
        Assert.Equal(_files.Root, manifest.BaseDirectory);
        Assert.Equal("file://" + rootFile, manifest.FlowUrl);
    }

    [Fact]
    public void Metadata_is_copied_from_the_root_flow()
    {
        var manifest = _files.CompileRoot(Fibonacci + """

            [metadata]
            name = "fibonacci"
            version = "0.1.0"
            description = "Fibonacci series"
            authors = ["Andrew Mackenzie <andrew@mackenzie-serres.net>"]
            """);

        Assert.Equal("fibonacci", manifest.Metadata.Name);
        Assert.Equal("0.1.0", manifest.Metadata.Version);
        Assert.Equal("Fibonacci series", manifest.Metadata.Description);
        Assert.Equal(["Andrew Mackenzie <andrew@mackenzie-serres.net>"], manifest.Metadata.Authors);
    }

    private static void AssertConnection(OutputConnection connection, ConnectionSource source, int id, int io, int flowId)
    {
        Assert.Equal(source, connection.Source);
        Assert.Equal(id, connection.DestinationId);
        Assert.Equal(io, connection.DestinationIo);
        Assert.Equal(flowId, connection.DestinationFlowId);
    }
}
