// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

/// <summary>Checks made when definitions are read: initializer values against input types, file size.</summary>
public sealed class DefinitionCheckTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string RootFile => _files.PathOf("root.toml");

    private static string Root(string initializers) => $"""
        flow = "x"
        [[process]]
        source = "lib://flowstdlib/data/sort"
        [[process]]
        source = "lib://flowstdlib/math/add"
        {initializers}
        [[process]]
        source = "context://stdio/stdout"
        [[connection]]
        from = "add"
        to = ["stdout", "sort"]
        [[connection]]
        from = "sort"
        to = "stdout"
        """;

    [Theory]
    [InlineData("input.i1 = { once = \"one\" }\ninput.i2 = { once = 1 }", 6, "The initializer of input 'i1' is a string (\"one\"), which cannot go to input '/x/add/i1' of type 'number'")]
    [InlineData("input.i1 = { once = 1 }\ninput.i2 = { always = true }", 7, "The initializer of input 'i2' is a boolean (true), which cannot go to input '/x/add/i2' of type 'number'")]
    [InlineData("input.i1 = { once = [1, \"two\"] }\ninput.i2 = { once = 1 }", 6, "The initializer of input 'i1' is an array ([1,\"two\"]), which cannot go to input '/x/add/i1' of type 'number'")]
    [InlineData("input.i1 = { once = [[[1]]] }\ninput.i2 = { once = 1 }", 6, "The initializer of input 'i1' is an array ([[[1]]]), which cannot go to input '/x/add/i1' of type 'number'")]
    [InlineData("input.i1 = { once = { a = 1 } }\ninput.i2 = { once = 1 }", 6, "The initializer of input 'i1' is an object ({\"a\":1}), which cannot go to input '/x/add/i1' of type 'number'")]
    public void An_initializer_its_input_cannot_take_is_a_compile_error(string initializers, int line, string message)
    {
        Assert.Equal($"{RootFile}:{line}: {message}", _files.CompileError(Root(initializers)));
    }

    [Theory]
    [InlineData("input.i1 = { once = 1.5 }\ninput.i2 = { once = -2 }")]
    [InlineData("input.i1 = { once = [1, 2, 3] }\ninput.i2 = { always = 1 }")]        // split into elements at run time
    [InlineData("input.i1 = { once = [[1, 2], [3]] }\ninput.i2 = { always = 1 }")]    // two levels
    public void An_initializer_that_converts_to_its_input_type_compiles(string initializers)
    {
        var manifest = _files.CompileRoot(Root(initializers));

        Assert.NotNull(manifest.Functions[1].Inputs[0].Initializer);
    }

    [Fact]
    public void Initializers_of_array_and_generic_inputs_take_what_the_runtime_can_deliver()
    {
        // sort takes array/number: a single number is wrapped, an array of arrays is split.
        var manifest = _files.CompileRoot("""
            flow = "x"
            [[process]]
            alias = "one"
            source = "lib://flowstdlib/data/sort"
            input.default = { once = 5 }
            [[process]]
            alias = "rows"
            source = "lib://flowstdlib/data/sort"
            input.default = { once = [[3, 1], [2]] }
            [[process]]
            source = "context://stdio/stdout"
            input.default = { once = { any = ["thing", 2] } }
            [[connection]]
            from = "one"
            to = "stdout"
            [[connection]]
            from = "rows"
            to = "stdout"
            """);

        Assert.Equal(3, manifest.Functions.Count);
        Assert.Equal($"{RootFile}:5: The initializer of input 'default' is a string (\"5\"), which cannot go to input '/x/one' of type 'array/number'",
            _files.CompileError(File.ReadAllText(RootFile).Replace("{ once = 5 }", "{ once = \"5\" }", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_sub_flow_initializer_is_checked_against_the_flow_input_and_every_function_input_it_reaches()
    {
        _files.Write("typed.toml", "flow = \"typed\"\n[[input]]\nname = \"n\"\ntype = \"number\"\n[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"input/n\"\nto = \"stdout\"\n");
        _files.Write("untyped.toml", "flow = \"untyped\"\n[[input]]\nname = \"n\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i2 = { once = 1 }\n"
            + "[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"input/n\"\nto = \"add/i1\"\n[[connection]]\nfrom = \"add\"\nto = \"stdout\"\n");

        Assert.Equal($"{RootFile}:4: The initializer of input 'n' is a string (\"x\"), which cannot go to input '/x/typed/n' of type 'number'",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"typed\"\ninput.n = { once = \"x\" }\n"));
        Assert.Equal($"{RootFile}:4: The initializer of input 'n' is a string (\"x\"), which cannot go to input '/x/untyped/add/i1' of type 'number'",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"untyped\"\ninput.n = { once = \"x\" }\n"));
        Assert.Equal(2, _files.CompileRoot("flow = \"x\"\n[[process]]\nsource = \"untyped\"\ninput.n = { once = 41 }\n").Functions.Count);
    }

    [Fact]
    public void A_definition_that_never_ends_is_refused_at_the_size_limit()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"/dev/zero\"\n");

        Assert.Equal($"/dev/zero: Could not read definition: it is larger than {DefinitionFile.MaximumBytes / (1024 * 1024)} MiB, the limit for a definition file", message);
    }
}
