// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class TypeCheckTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    // A library "types" on the search path: source (output type S) -> sink (input type D) -> stdout.
    private FlowManifest Compile(string sourceType, string destinationType, string subroute = "")
    {
        _files.Write("lib/types/source.toml", FlowFiles.Function("source", ("in", "")) + FlowFiles.Output("", sourceType));
        _files.Write("lib/types/sink/sink.toml", FlowFiles.Function("sink", ("in", destinationType)) + FlowFiles.Output("", ""));
        _files.Write("root.toml", $$"""
            flow = "types"
            [[process]]
            source = "lib://types/source"
            input.in = { once = 1 }
            [[process]]
            source = "lib://types/sink"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "source{{subroute}}"
            to = "sink/in"
            [[connection]]
            from = "sink"
            to = "stdout"
            """);
        return new FlowCompiler(_files.Options(searchPath: [_files.PathOf("lib")])).Compile(_files.Root);
    }

    private string Error(string sourceType, string destinationType, string subroute = "") =>
        Assert.Throws<CompileException>(() => Compile(sourceType, destinationType, subroute)).Message;

    [Theory]
    [InlineData("number", "number")]
    [InlineData("string", "string")]
    [InlineData("array/number", "number")]                 // +1: serialize
    [InlineData("array/array/number", "number")]           // +2
    [InlineData("number", "array/number")]                 // -1: wrap
    [InlineData("number", "array/array/number")]           // -2
    [InlineData("array/array/string", "array/string")]     // +1 between arrays
    [InlineData("", "number")]                             // generic source
    [InlineData("number", "")]                             // generic destination
    [InlineData("array/", "number")]                       // array of generic
    [InlineData("string", "array/")]
    [InlineData("array/number", "array")]                  // bare array is array/
    [InlineData("array", "array/array/string")]
    [InlineData("array/array/array/number", "array/")]
    public void Compatible_types_compile(string source, string destination)
    {
        var manifest = Compile(source, destination);

        Assert.Equal(["lib://types/sink", "lib://types/source"], manifest.LibReferences);
        Assert.Equal(1, Assert.Single(manifest.Functions[0].OutputConnections).DestinationId);
    }

    [Theory]
    [InlineData("string", "number")]
    [InlineData("array/string", "number")]           // +1, element differs
    [InlineData("array/array/string", "number")]     // +2, element differs
    [InlineData("number", "array/string")]           // -1
    [InlineData("boolean", "array/array/number")]    // -2
    [InlineData("null", "array/boolean")]
    public void Incompatible_types_are_errors(string source, string destination)
    {
        string message = Error(source, destination);

        Assert.Equal($"{_files.PathOf("root.toml")}:9: The types '{source}' and '{destination}' are incompatible"
            + " in the connection from '/types/source' to '/types/sink/in'", message);
    }

    [Fact]
    public void An_order_difference_of_three_is_an_error()
    {
        Assert.Contains("Cannot encapsulate/serialize arrays with a order difference of more than two", Error("array/array/array/number", "number"));
        Assert.Contains("Cannot encapsulate/serialize arrays with a order difference of more than two", Error("number", "array/array/array/number"));
    }

    [Theory]
    [InlineData("array/array/number", "/2/1", "number")]
    [InlineData("array/number", "/0", "number")]
    [InlineData("object", "/key", "string")]
    [InlineData("", "/a/b/c", "number")]
    [InlineData("array/", "/0", "string")]
    [InlineData("object/number", "/key", "number")]
    [InlineData("array/object/string", "/0/key", "string")]
    public void A_sub_route_removes_type_levels(string source, string subroute, string destination)
    {
        var manifest = Compile(source, destination, subroute);

        Assert.Equal(ConnectionSource.FromOutput(subroute), Assert.Single(manifest.Functions[0].OutputConnections).Source);
    }

    [Fact]
    public void A_sub_route_deeper_than_the_type_is_an_error()
    {
        Assert.Equal($"{_files.PathOf("root.toml")}:9: Depth of subroute '/2/1' is greater than the depth of the type 'array/number'"
            + " in the connection from '/types/source/2/1' to '/types/sink/in'", Error("array/number", "number", "/2/1"));
        Assert.Contains("Depth of subroute '/x' is greater than the depth of the type 'number'", Error("number", "", "/x"));
    }

    [Fact]
    public void A_sub_route_that_reaches_the_wrong_element_type_is_an_error()
    {
        Assert.Contains("The types 'string' and 'number' are incompatible", Error("array/string", "number", "/0"));
    }

    [Theory]
    [InlineData("Number", "number")]
    [InlineData("Array/String", "array/string")]
    [InlineData("Bool", "boolean")]
    public void Capitalised_types_are_read_as_lower_case_with_a_notice(string written, string meant)
    {
        Compile(meant, written);

        // The definition is a library's: the notice is at debug level, not a warning for the user.
        Assert.Contains(_files.DebugNotices, w => w.Contains($"Type '{written}' is read as '{meant}'", StringComparison.Ordinal));
        Assert.Empty(_files.Warnings);

        // The user's own (provided) function: the same notice is a warning.
        _files.Write("mine.toml", FlowFiles.Function("mine", ("in", written)).Replace("mine.rs", "mine.wasm", StringComparison.Ordinal) + FlowFiles.Output("", ""));
        _files.Write("mine.wasm", "");
        _files.CompileRoot("flow = \"x\"\n[[process]]\nsource = \"mine\"\n[[process]]\nsource = \"context://args/get\"\n[[process]]\nsource = \"context://stdio/stdout\"\n"
            + "[[connection]]\nfrom = \"get/json\"\nto = \"mine/in\"\n[[connection]]\nfrom = \"mine\"\nto = \"stdout\"\n");
        Assert.Contains(_files.Warnings, w => w.StartsWith($"{_files.PathOf("mine.toml")}: Type '{written}' is read as '{meant}'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_invalid_type_is_an_error_naming_the_file()
    {
        string message = Error("number", "integer");

        Assert.Equal($"{_files.PathOf("lib/types/sink/sink.toml")}:6: Type 'integer' is invalid", message);
        Assert.Contains("Type 'array/numbr' is invalid", Error("array/numbr", "number"));
        Assert.Contains("Type 'number/string' is invalid", Error("number/string", "number"));
        Assert.Contains("Type '/number' is invalid", Error("/number", "number"));
        Assert.Contains("Type 'array//number' is invalid", Error("array//number", "number"));
    }

    [Fact]
    public void Input_types_set_array_order_and_generic()
    {
        var manifest = Compile("array/array/number", "array/array/number");

        var sink = manifest.Functions[1];
        Assert.Equal(2, sink.Inputs[0].ArrayOrder);
        Assert.False(sink.Inputs[0].Generic);
        var source = manifest.Functions[0];
        Assert.True(source.Inputs[0].Generic);
        Assert.Equal(0, source.Inputs[0].ArrayOrder);
        Assert.Equal(1, Compile("number", "array").Functions[1].Inputs[0].ArrayOrder);
    }
}
