// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class ProvidedFunctionTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Definition(string source) =>
        $"function = \"step\"\nsource = \"{source}\"\n[[input]]\ntype = \"number\"\n[[output]]\ntype = \"number\"\n";

    private const string Root = """
        flow = "x"
        [[process]]
        source = "functions/step"
        input.default = { once = 1 }
        [[process]]
        source = "context://stdio/stdout"
        [[connection]]
        from = "step"
        to = "stdout"
        """;

    [Theory]
    [InlineData("step.rs", "step.wasm", "functions/step/step.wasm")]
    [InlineData("step.wasm", "step.wasm", "functions/step/step.wasm")]
    [InlineData("impl/step.wat", "impl/step.wat", "functions/step/impl/step.wat")]
    [InlineData("../built/step.rs", "../built/step.wasm", "functions/built/step.wasm")]
    public void The_implementation_is_found_next_to_the_definition_and_made_relative_to_the_root(string source, string file, string expected)
    {
        _files.Write("functions/step/step.toml", Definition(source));
        _files.Write(Path.Combine("functions/step", file), "");

        var manifest = _files.CompileRoot(Root);

        Assert.Equal(expected, manifest.Functions[0].ImplementationLocation);
        Assert.Empty(manifest.LibReferences);
        Assert.Equal(_files.Root, manifest.BaseDirectory);
    }

    [Fact]
    public void A_missing_implementation_is_an_error()
    {
        _files.Write("functions/step/step.toml", Definition("step.rs"));

        string message = _files.CompileError(Root);

        Assert.Equal($"{_files.PathOf("functions/step/step.toml")}:2: Provided implementation '{_files.PathOf("functions/step/step.wasm")}' not found", message);
    }

    [Fact]
    public void A_provided_function_in_a_sub_flow_is_relative_to_the_root_flow_directory()
    {
        _files.Write("app/parts/step.toml", Definition("step.wasm"));
        _files.Write("app/parts/step.wasm", "");
        _files.Write("app/parts/part.toml", """
            flow = "part"
            [[output]]
            [[process]]
            source = "step"
            input.default = { once = 1 }
            [[connection]]
            from = "step"
            to = "output"
            """);
        _files.Write("app/root.toml", """
            flow = "app"
            [[process]]
            source = "parts/part"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "part"
            to = "stdout"
            """);

        var manifest = new FlowCompiler(_files.Options()).Compile(_files.PathOf("app"));

        Assert.Equal("parts/step.wasm", manifest.Functions[0].ImplementationLocation);
        Assert.Equal(_files.PathOf("app"), manifest.BaseDirectory);
    }
}
