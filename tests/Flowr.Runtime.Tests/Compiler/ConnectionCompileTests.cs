// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class ConnectionCompileTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private FlowManifest CompileWithGet(string connections) => _files.CompileRoot($"""
        flow = "root"
        [[process]]
        source = "context://args/get"
        [[process]]
        source = "context://stdio/stdout"
        {connections}
        """);

    [Theory]
    [InlineData("get/json/1", "/json/1")]
    [InlineData("get/string/3", "/string/3")]
    [InlineData("get/json", "/json")]
    [InlineData("get/json/a~1b/0", "/json/a~1b/0")]
    public void The_longest_prefix_naming_an_output_is_the_output_and_the_rest_a_sub_route(string from, string pointer)
    {
        var manifest = CompileWithGet($"[[connection]]\nfrom = \"{from}\"\nto = \"stdout\"");

        Assert.Equal(ConnectionSource.FromOutput(pointer), Assert.Single(manifest.Functions[0].OutputConnections).Source);
    }

    [Fact]
    public void A_sub_route_on_a_default_output_has_no_output_name()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "lib://flowstdlib/control/join"
            input.data = { once = { key = [1, 2] } }
            input.control = { once = true }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "join/key/0"
            to = "stdout"
            """);

        Assert.Equal(ConnectionSource.FromOutput("/key/0"), Assert.Single(manifest.Functions[0].OutputConnections).Source);
    }

    [Fact]
    public void An_output_wins_over_an_input_of_the_same_name()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "lib://flowstdlib/data/count"
            input.data = { once = 1 }
            input.count = { once = 0 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "count/count"
            to = ["count/count", "stdout"]
            [[connection]]
            from = "count/data"
            to = "stdout"
            """);

        var connections = manifest.Functions[0].OutputConnections;
        Assert.Equal([ConnectionSource.FromOutput("/count"), ConnectionSource.FromOutput("/count"), ConnectionSource.FromInput(0)],
            connections.Select(c => c.Source));
        Assert.Equal([(0, 1), (1, 0), (1, 0)], connections.Select(c => (c.DestinationId, c.DestinationIo)));
    }

    [Fact]
    public void Destinations_in_a_list_become_connections_in_their_order()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            alias = "a"
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            alias = "b"
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "a"
            to = ["stdout", "b/i2", "b/i1"]
            [[connection]]
            from = "b"
            to = "stdout"
            """);

        Assert.Equal([(2, 0), (1, 1), (1, 0)], manifest.Functions[0].OutputConnections.Select(c => (c.DestinationId, c.DestinationIo)));
    }

    [Fact]
    public void Output_connections_keep_declaration_order()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "context://args/get"
            [[process]]
            source = "context://stdio/stdout"
            [[process]]
            source = "context://stdio/stderr"
            [[connection]]
            from = "get/string/2"
            to = "stderr"
            [[connection]]
            from = "get/json"
            to = "stdout"
            [[connection]]
            from = "get/string/1"
            to = "stdout"
            """);

        Assert.Equal(["/string/2", "/json", "/string/1"], manifest.Functions[0].OutputConnections.Select(c => c.Source.Pointer));
        Assert.Equal(["context://args/get", "context://stdio/stderr", "context://stdio/stdout"], manifest.ContextReferences);
    }

    [Fact]
    public void Toml_values_become_json_values()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            alias = "a"
            source = "context://stdio/stdout"
            input.default = { once = [1, 1.0, "s", true, { b = 2, a = -3 }] }
            """);

        var value = manifest.Functions[0].Inputs[0].Initializer!.Value;
        Assert.Equal("[1,1.0,\"s\",true,{\"a\":-3,\"b\":2}]", value.ToString());
    }

    [Fact]
    public void The_editor_layout_keys_of_a_process_are_accepted_silently()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "context://stdio/stdout"
            input.default = { once = "x" }
            x = 10
            y = 20.5
            width = 100
            height = 50
            """);

        Assert.Single(manifest.Functions);
        Assert.Empty(_files.Warnings);
    }

    [Theory]
    [InlineData("flow = \"root\"\ncolour = \"blue\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1 }\n",
        2, "unknown key 'colour' in a flow definition; the keys allowed there: 'flow', 'docs', 'metadata', 'input', 'output', 'process', 'connection'")]
    [InlineData("flow = \"root\"\n[[proces]]\nsource = \"context://stdio/stdout\"\n",
        2, "unknown key 'proces' in a flow definition; the keys allowed there: 'flow', 'docs', 'metadata', 'input', 'output', 'process', 'connection' (did you mean 'process'?)")]
    [InlineData("flow = \"root\"\n[[process]]\nsource = \"context://stdio/stdout\"\nalais = \"out\"\n",
        4, "unknown key 'alais' in a [[process]]; the keys allowed there: 'source', 'alias', 'input', 'x', 'y', 'width', 'height' (did you mean 'alias'?)")]
    [InlineData("flow = \"root\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1 }\n[[connection]]\nfrom = \"input/a\"\ntoo = \"stdout\"\n",
        7, "unknown key 'too' in a [[connection]]; the keys allowed there: 'from', 'to', 'name' (did you mean 'to'?)")]
    public void Unknown_keys_are_errors_naming_the_line_and_the_keys_allowed(string root, int line, string message)
    {
        Assert.Equal($"{_files.PathOf("root.toml")}:{line}: {message}", _files.CompileError(root));
    }

    [Fact]
    public void Unknown_keys_in_a_function_definition_and_its_ios_are_errors()
    {
        _files.Write("f.toml", "function = \"f\"\nsource = \"f.wasm\"\nimpur = false\n[[input]]\n[[output]]\n");
        _files.Write("g.toml", "function = \"g\"\nsource = \"g.wasm\"\n[[input]]\nname = \"a\"\ntyp = \"number\"\n[[output]]\n");
        const string Uses = "flow = \"root\"\n[[process]]\nsource = \"{0}\"\n";

        Assert.Equal($"{_files.PathOf("f.toml")}:3: unknown key 'impur' in a function definition; the keys allowed there: "
            + "'function', 'description', 'source', 'docs', 'type', 'impure', 'input', 'output' (did you mean 'impure'?)",
            _files.CompileError(string.Format(System.Globalization.CultureInfo.InvariantCulture, Uses, "f")));
        Assert.Equal($"{_files.PathOf("g.toml")}:5: unknown key 'typ' in an [[input]]; the keys allowed there: 'name', 'type' (did you mean 'type'?)",
            _files.CompileError(string.Format(System.Globalization.CultureInfo.InvariantCulture, Uses, "g")));
    }

    [Fact]
    public void Unknown_metadata_keys_are_warnings_as_upstream_accepts_any()
    {
        var manifest = _files.CompileRoot("flow = \"root\"\n[metadata]\nlicence = \"MIT\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1 }\n");

        Assert.Single(manifest.Functions);
        Assert.Equal([$"{_files.PathOf("root.toml")}:3: unknown key 'metadata.licence' ignored"], _files.Warnings);
    }

    [Fact]
    public void Processes_and_connections_may_interleave()
    {
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "context://args/get"
            [[connection]]
            from = "get/json/1"
            to = "stdout"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "get/json/2"
            to = "stdout"
            [metadata]
            name = "interleaved"
            [[process]]
            source = "context://stdio/stderr"
            [[connection]]
            from = "get/json/3"
            to = "stderr"
            """);

        Assert.Equal(["/root/get", "/root/stdout", "/root/stderr"], manifest.Functions.Select(f => f.Route));
        Assert.Equal(["/json/1", "/json/2", "/json/3"], manifest.Functions[0].OutputConnections.Select(c => c.Source.Pointer));
        Assert.Equal("interleaved", manifest.Metadata.Name);
    }

    [Fact]
    public void A_repeated_plain_key_is_still_a_duplicate()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"a\"\nsource = \"b\"\n");

        Assert.Equal($"{_files.PathOf("root.toml")}:4: TOML syntax error: duplicate key 'source'", message);
    }

    [Fact]
    public void A_bare_alias_refers_to_a_single_named_io()
    {
        _files.Write("sink.toml", "flow = \"sink\"\n[[input]]\nname = \"value\"\n[[process]]\nsource = \"context://stdio/stderr\"\n"
            + "[[connection]]\nfrom = \"input/value\"\nto = \"stderr\"\n");
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "lib://flowstdlib/data/count"
            input.data = { once = 1 }
            input.count = { once = 0 }
            [[process]]
            alias = "sort"
            source = "lib://flowstdlib/data/sort"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "count"
            to = ["count/count", "sort"]
            [[process]]
            source = "sink"
            [[connection]]
            from = "sort"
            to = ["stdout", "sink"]
            """);

        var connections = manifest.Functions[0].OutputConnections;
        Assert.Equal([ConnectionSource.FromOutput("/count"), ConnectionSource.FromOutput("/count")], connections.Select(c => c.Source));
        Assert.Equal([(0, 1), (1, 0)], connections.Select(c => (c.DestinationId, c.DestinationIo)));
        Assert.Equal(["/root/stdout", "/root/sink/stderr"], manifest.Functions[1].OutputConnections.Select(c => c.DestinationRoute));
    }

    [Fact]
    public void A_bare_alias_of_a_process_with_several_named_ios_is_not_found()
    {
        string message = _files.CompileError("""
            flow = "root"
            [[process]]
            source = "context://args/get"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "get"
            to = "stdout"
            """);

        Assert.Equal($"{_files.PathOf("root.toml")}:6: Connection source 'get' not found in flow 'root' at route '/root': "
            + "'get' alone names its default output, and it has none; its outputs: 'string', 'json'", message);
    }
}
