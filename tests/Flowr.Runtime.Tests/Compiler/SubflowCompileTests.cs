// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class SubflowCompileTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    // A sub-flow "double" with input "value" and output "result": add(value, value).
    private const string DoubleFlow = """
        flow = "double"
        [[input]]
        name = "value"
        type = "number"
        [[output]]
        name = "result"
        type = "number"
        [[process]]
        source = "lib://flowstdlib/math/add"
        [[connection]]
        from = "input/value"
        to = ["add/i1", "add/i2"]
        [[connection]]
        from = "add"
        to = "output/result"
        """;

    [Fact]
    public void Functions_are_numbered_depth_first_and_flows_separately()
    {
        _files.Write("double/double.toml", DoubleFlow);
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            alias = "first"
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            alias = "d1"
            source = "double"
            [[process]]
            alias = "d2"
            source = "double/double.toml"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "first"
            to = "d1/value"
            [[connection]]
            from = "d1/result"
            to = "d2/value"
            [[connection]]
            from = "d2/result"
            to = "stdout"
            """);

        Assert.Equal(["/root/first", "/root/d1/add", "/root/d2/add", "/root/stdout"], manifest.Functions.Select(f => f.Route));
        Assert.Equal([0, 1, 2, 0], manifest.Functions.Select(f => f.FlowId));
        // first -> d1/value collapses to both inputs of d1's add, in declaration order.
        var first = manifest.Functions[0].OutputConnections;
        Assert.Equal([(1, 0, 1), (1, 1, 1)], first.Select(c => (c.DestinationId, c.DestinationIo, c.DestinationFlowId)));
        Assert.Equal("/root/d1/add/i1", first[0].DestinationRoute);
        var d1 = manifest.Functions[1].OutputConnections;
        Assert.Equal([(2, 0, 2), (2, 1, 2)], d1.Select(c => (c.DestinationId, c.DestinationIo, c.DestinationFlowId)));
        var d2 = Assert.Single(manifest.Functions[2].OutputConnections);
        Assert.Equal((3, 0, 0), (d2.DestinationId, d2.DestinationIo, d2.DestinationFlowId));
        Assert.True(d2.Source.IsWholeOutput);
    }

    [Fact]
    public void Flow_initializers_reach_every_function_input_at_any_depth()
    {
        _files.Write("outer/outer.toml", """
            flow = "outer"
            [[input]]
            name = "start"
            type = "number"
            [[output]]
            type = "number"
            [[process]]
            alias = "inner"
            source = "../double"
            [[connection]]
            from = "input/start"
            to = "inner/value"
            [[connection]]
            from = "inner/result"
            to = "output"
            """);
        _files.Write("double.toml", DoubleFlow);
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "outer"
            input.start = { always = 21 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "outer"
            to = "stdout"
            """);

        var add = manifest.Functions[0];
        Assert.Equal("/root/outer/inner/add", add.Route);
        Assert.Equal(2, add.FlowId);
        var expected = new InputInitializer(InitializerKind.Always, Value.FromInt64(21));
        Assert.All(add.Inputs, input => Assert.Equal(expected, input.FlowInitializer));
        Assert.All(add.Inputs, input => Assert.Null(input.Initializer));
        var toStdout = Assert.Single(add.OutputConnections);
        Assert.Equal((1, 0, 0), (toStdout.DestinationId, toStdout.DestinationIo, toStdout.DestinationFlowId));
    }

    [Fact]
    public void A_function_keeps_its_own_initializer_beside_a_flow_initializer()
    {
        _files.Write("pair.toml", """
            flow = "pair"
            [[input]]
            type = "number"
            [[output]]
            type = "number"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i2 = { once = 5 }
            [[connection]]
            from = "input"
            to = ["add/i1", "add/i2"]
            [[connection]]
            from = "add"
            to = "output"
            """);
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "pair"
            input.default = { once = 7 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "pair"
            to = "stdout"
            """);

        var add = manifest.Functions[0];
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(7)), add.Inputs[0].FlowInitializer);
        Assert.Null(add.Inputs[0].Initializer);
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(7)), add.Inputs[1].FlowInitializer);
        Assert.Equal(new InputInitializer(InitializerKind.Once, Value.FromInt64(5)), add.Inputs[1].Initializer);
    }

    [Fact]
    public void Sub_routes_concatenate_through_sub_flow_outputs()
    {
        _files.Write("wrap.toml", """
            flow = "wrap"
            [[output]]
            name = "args"
            type = "array/"
            [[process]]
            source = "context://args/get"
            [[connection]]
            from = "get/json"
            to = "output/args"
            """);
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "wrap"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "wrap/args/1"
            to = "stdout"
            """);

        Assert.Equal(["/root/wrap/get", "/root/stdout"], manifest.Functions.Select(f => f.Route));
        var connection = Assert.Single(manifest.Functions[0].OutputConnections);
        Assert.Equal(ConnectionSource.FromOutput("/json/1"), connection.Source);
        Assert.Equal(1, connection.DestinationId);
    }

    [Fact]
    public void A_library_sub_flow_compiles_like_any_sub_flow()
    {
        var manifest = _files.CompileRoot("""
            flow = "sequence"
            [[process]]
            source = "lib://flowstdlib/math/sequence"
            input.start = { once = 2 }
            input.step = { once = 3 }
            input.limit = { once = 100 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "sequence/number"
            to = "stdout"
            """);

        Assert.Equal(["/sequence/sequence/compare", "/sequence/sequence/add", "/sequence/stdout"], manifest.Functions.Select(f => f.Route));
        Assert.Equal(["lib://flowstdlib/control/compare_switch", "lib://flowstdlib/math/add"], manifest.LibReferences);
        var compare = manifest.Functions[0];
        var add = manifest.Functions[1];
        Assert.Equal(1, compare.FlowId);
        Assert.Equal("lib://flowstdlib/math/add", add.ImplementationLocation);
        Assert.Equal(Value.FromInt64(2), compare.Inputs[0].FlowInitializer!.Value);
        Assert.Equal(Value.FromInt64(100), compare.Inputs[1].FlowInitializer!.Value);
        Assert.Equal(Value.FromInt64(3), add.Inputs[1].FlowInitializer!.Value);
        // compare/left-lte goes to output/number (collapsed to stdout) and to add/i1, in that order.
        Assert.Equal([(ConnectionSource.FromOutput("/left-lte"), 2, 0, 0), (ConnectionSource.FromOutput("/left-lte"), 1, 0, 1)],
            compare.OutputConnections.Select(c => (c.Source, c.DestinationId, c.DestinationIo, c.DestinationFlowId)));
        Assert.Equal([(ConnectionSource.FromInput(1), 1, 1), (ConnectionSource.WholeOutput, 0, 0)],
            add.OutputConnections.Select(c => (c.Source, c.DestinationId, c.DestinationIo)));
        // output/last reaches no function and is dropped: the library's business, so a debug notice, not a warning.
        Assert.Contains(_files.DebugNotices, w => w.Contains("'/sequence/sequence/last'", StringComparison.Ordinal));
        Assert.Empty(_files.Warnings);
    }

    [Fact]
    public void A_chain_that_reaches_no_function_is_dropped_with_a_warning()
    {
        _files.Write("double.toml", DoubleFlow);
        var manifest = _files.CompileRoot("""
            flow = "root"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            source = "double"
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "add"
            to = ["double/value", "stdout"]
            """, removeDeadCode: false);

        var add = manifest.Functions[0];
        Assert.Equal([1, 1, 2], add.OutputConnections.Select(c => c.DestinationId));
        Assert.Empty(manifest.Functions[1].OutputConnections);
        Assert.Contains(_files.Warnings, w => w.Contains("reaches no function", StringComparison.Ordinal)
            && w.Contains("'/root/double/result'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_always_flow_initializer_may_share_an_input_with_a_connection()
    {
        var manifest = _files.CompileRoot("""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/sequence"
            input.start = { always = 0 }
            input.step = { once = 1 }
            input.limit = { once = 3 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "sequence/number"
            to = "stdout"
            """);

        var left = manifest.Functions[0].Inputs[0];
        Assert.Equal(new InputInitializer(InitializerKind.Always, Value.FromInt64(0)), left.FlowInitializer);
        Assert.Contains(manifest.Functions[1].OutputConnections, c => c.DestinationId == 0 && c.DestinationIo == 0);
    }

    [Fact]
    public void A_library_flow_can_be_the_root()
    {
        var library = FlowFiles.StandardLibrary().Add("demo.toml", "flow = \"demo\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1 }\n");
        var options = new Flowr.Runtime.Compiler.CompilerOptions { StandardLibrary = library, Context = FlowFiles.Context() };

        var manifest = new Flowr.Runtime.Compiler.FlowCompiler(options).Compile("lib://flowstdlib/demo");

        Assert.Equal("/demo/stdout", Assert.Single(manifest.Functions).Route);
        Assert.Equal("lib://flowstdlib/demo", manifest.FlowUrl);
    }

    [Fact]
    public void A_sub_flow_input_that_leads_nowhere_warns_in_the_users_flow_and_is_debug_in_a_library()
    {
        const string Hollow = "flow = \"hollow\"\n[[input]]\nname = \"in\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1 }\n";
        const string Root = "flow = \"x\"\n[[process]]\nsource = \"{0}\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i1 = {{ once = 1 }}\ninput.i2 = {{ once = 1 }}\n"
            + "[[process]]\nalias = \"out\"\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"add\"\nto = [\"hollow/in\", \"out\"]\n";
        _files.Write("hollow.toml", Hollow);

        _files.CompileRoot(string.Format(System.Globalization.CultureInfo.InvariantCulture, Root, "hollow"));
        Assert.Equal([$"{_files.PathOf("root.toml")}:11: Connection from '/x/add' ends at '/x/hollow/in' and reaches no function; it is dropped"], _files.Warnings);

        // The same flow as a library's: the user cannot change it, so the notice is at debug level.
        var warnings = new List<string>();
        var notices = new List<string>();
        var options = new Flowr.Runtime.Compiler.CompilerOptions
        {
            StandardLibrary = FlowFiles.StandardLibrary().Add("hollow.toml", Hollow),
            Context = FlowFiles.Context(),
            Warning = warnings.Add,
            Debug = notices.Add,
        };
        _files.Write("root.toml", string.Format(System.Globalization.CultureInfo.InvariantCulture, Root, "lib://flowstdlib/hollow"));
        new Flowr.Runtime.Compiler.FlowCompiler(options).Compile(_files.Root);
        Assert.Empty(warnings);
        Assert.Equal([$"{_files.PathOf("root.toml")}:11: Connection from '/x/add' ends at '/x/hollow/in' and reaches no function; it is dropped"], notices);
    }
}
