// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class CompileErrorTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string RootFile => _files.PathOf("root.toml");

    private const string Stdout = """
        [[process]]
        source = "context://stdio/stdout"
        input.default = { once = "x" }
        """;

    [Fact]
    public void An_unconnected_uninitialized_input_is_an_error()
    {
        string message = _files.CompileError("""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i2 = { once = 1 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "add"
            to = "stdout"
            """);

        Assert.Equal($"{RootFile}: Input at route '/x/add/i1' is not connected to nor initialized", message);
    }

    [Fact]
    public void An_unconnected_input_inside_a_sub_flow_names_the_sub_flow_file()
    {
        _files.Write("sub/sub.toml", """
            flow = "sub"
            [[input]]
            [[process]]
            source = "context://stdio/stdout"
            [[process]]
            source = "context://stdio/stderr"
            [[connection]]
            from = "input"
            to = "stderr"
            """);
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"sub\"\ninput.default = { once = 1 }\n");

        Assert.Equal($"{_files.PathOf("sub/sub.toml")}: Input at route '/x/sub/stdout' is not connected to nor initialized", message);
    }

    [Fact]
    public void An_always_initializer_on_a_connected_input_is_an_error()
    {
        string message = _files.CompileError("""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { always = 1 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "add"
            to = ["stdout", "add/i2"]
            """);

        Assert.Equal($"{RootFile}: Input at route '/x/add/i2' has a 'Constant' initializer and a connection to it", message);
    }

    [Fact]
    public void A_flow_without_side_effects_is_an_error()
    {
        string message = _files.CompileError("""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { always = 1 }
            [[connection]]
            from = "add"
            to = "add/i1"
            """);

        Assert.Equal($"{RootFile}: Flow has no side-effects", message);
    }

    [Fact]
    public void The_root_flow_cannot_have_inputs_or_outputs()
    {
        Assert.Equal($"{RootFile}: Root flow 'x' cannot have inputs or outputs",
            _files.CompileError("flow = \"x\"\n[[input]]\nname = \"a\"\n" + Stdout));
        Assert.Equal($"{RootFile}: Root flow 'x' cannot have inputs or outputs",
            _files.CompileError("flow = \"x\"\n[[output]]\n" + Stdout));
    }

    [Fact]
    public void A_duplicate_alias_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n" + Stdout + "\n" + Stdout);

        Assert.Equal($"{RootFile}: Duplicate alias 'stdout' in flow '/x'", message);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("output")]
    public void Reserved_words_cannot_be_aliases(string alias)
    {
        string message = _files.CompileError($"flow = \"x\"\n{Stdout}\nalias = \"{alias}\"\n");

        Assert.Equal($"{RootFile}: '{alias}' is a reserved word and cannot be the alias of process '/x/{alias}'", message);
    }

    [Fact]
    public void An_initializer_on_an_unknown_input_is_an_error()
    {
        Assert.Equal($"{RootFile}: Process '/x/stdout' has no input 'colour' to initialize",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.colour = { once = 1 }\n"));

        _files.Write("sub.toml", "flow = \"sub\"\n[[input]]\nname = \"a\"\n" + Stdout);
        Assert.Equal($"{RootFile}: Process '/x/sub' has no input 'b' to initialize",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"sub\"\ninput.b = { once = 1 }\n"));
    }

    [Fact]
    public void A_malformed_initializer_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { sometimes = 1 }\n");

        Assert.Equal($"{RootFile}:4: the initializer of input 'default' must be {{ once = <value> }} or {{ always = <value> }}", message);
    }

    [Fact]
    public void A_flow_that_includes_itself_is_an_error()
    {
        _files.Write("a/a.toml", "flow = \"a\"\n[[process]]\nsource = \"../b.toml\"\n");
        _files.Write("b.toml", "flow = \"b\"\n[[process]]\nsource = \"a\"\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"a\"\n");

        Assert.Equal($"{_files.PathOf("b.toml")}: Flow '/x/a/b/a' includes itself", message);
    }

    [Fact]
    public void A_root_that_includes_itself_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"root.toml\"\n");

        Assert.Equal($"{RootFile}: Flow '/x/x' includes itself", message);
    }

    [Fact]
    public void A_flow_used_twice_side_by_side_is_not_a_cycle()
    {
        _files.Write("a.toml", "flow = \"a\"\n" + Stdout);

        var manifest = _files.CompileRoot("flow = \"x\"\n[[process]]\nsource = \"a\"\nalias = \"a1\"\n[[process]]\nsource = \"a\"\nalias = \"a2\"\n");

        Assert.Equal(["/x/a1/stdout", "/x/a2/stdout"], manifest.Functions.Select(f => f.Route));
        Assert.Equal([1, 2], manifest.Functions.Select(f => f.FlowId));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("lib://flowstdlib/math/missing")]
    [InlineData("lib://nolib/math/add")]
    [InlineData("context://stdio/missing")]
    [InlineData("https://example.com/flow.toml")]
    public void An_unresolvable_reference_is_an_error(string source)
    {
        string message = _files.CompileError($"flow = \"x\"\n[[process]]\nsource = \"{source}\"\n");

        Assert.Equal($"{RootFile}: Could not resolve '{source}'", message);
    }

    [Fact]
    public void An_unresolvable_root_is_an_error()
    {
        var compiler = new FlowCompiler(_files.Options());

        Assert.Equal($"Could not resolve '{_files.PathOf("nothing")}'",
            Assert.Throws<CompileException>(() => compiler.Compile(_files.PathOf("nothing"))).Message);
    }

    [Theory]
    [InlineData("stdout/value", "stdout", "Connection source 'stdout/value' not found in flow 'x' at route '/x'")]
    [InlineData("nothing", "stdout", "Connection source 'nothing' not found in flow 'x' at route '/x'")]
    [InlineData("input/a", "stdout", "Connection source 'input/a' not found in flow 'x' at route '/x'")]
    [InlineData("add", "nothing", "Connection destination 'nothing' not found in flow 'x' at route '/x'")]
    [InlineData("add", "add/i3", "Connection destination 'add/i3' not found in flow 'x' at route '/x'")]
    [InlineData("add", "stdout/x", "Connection destination 'stdout/x' not found in flow 'x' at route '/x'")]
    [InlineData("add", "output/x", "Connection destination 'output/x' not found in flow 'x' at route '/x'")]
    public void Unresolvable_connection_ends_are_errors(string from, string to, string expected)
    {
        string message = _files.CompileError($"""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i1 = {"{"} once = 1 {"}"}
            input.i2 = {"{"} once = 1 {"}"}
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "{from}"
            to = "{to}"
            """);

        Assert.Equal($"{RootFile}: {expected}", message);
    }

    [Fact]
    public void A_sub_flow_input_cannot_be_a_source()
    {
        _files.Write("sub.toml", "flow = \"sub\"\n[[input]]\nname = \"a\"\n" + Stdout);
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"sub\"\n" + Stdout + "\n[[connection]]\nfrom = \"sub/a\"\nto = \"stdout\"\n");

        Assert.Equal($"{RootFile}: Connection source 'sub/a' not found in flow 'x' at route '/x'", message);
    }

    [Fact]
    public void A_toml_syntax_error_names_the_file_and_line()
    {
        string message = _files.CompileError("flow = \"x\"\n\n[[process]\nsource = \"a\"\n");

        Assert.StartsWith($"{RootFile}:3: TOML syntax error: ", message);
    }

    [Fact]
    public void A_duplicate_key_names_the_file_and_line()
    {
        string message = _files.CompileError("flow = \"x\"\nflow = \"y\"\n");

        Assert.Equal($"{RootFile}:2: TOML syntax error: duplicate key 'flow'", message);
    }

    [Fact]
    public void Date_times_are_rejected()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { once = 1979-05-27 }\n");

        Assert.Equal($"{RootFile}:4: TOML date-time values are not supported", message);
    }

    [Fact]
    public void A_file_that_is_neither_flow_nor_function_is_an_error()
    {
        Assert.Equal($"{RootFile}: not a flow or function definition: it has no 'flow' or 'function' key",
            _files.CompileError("name = \"x\"\n"));
    }

    [Fact]
    public void The_root_must_be_a_flow()
    {
        Assert.Equal($"{RootFile}: the root definition is a function, not a flow",
            _files.CompileError("function = \"f\"\n[[input]]\n[[output]]\n"));
    }

    [Fact]
    public void A_local_impure_function_is_an_error()
    {
        _files.Write("print.toml", "function = \"print\"\nimpure = true\nsource = \"print.rs\"\n[[input]]\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"print\"\ninput.default = { once = 1 }\n");

        Assert.Equal($"{_files.PathOf("print.toml")}: Function 'print' is impure, but only context functions may be impure", message);
    }

    [Fact]
    public void A_pure_function_needs_an_input_and_an_output()
    {
        _files.Write("f.toml", "function = \"f\"\nsource = \"f.wasm\"\n[[output]]\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"f\"\n");

        Assert.Equal($"{_files.PathOf("f.toml")}: Function 'f' must have at least one input and one output", message);
    }

    [Fact]
    public void Several_ios_must_all_be_named()
    {
        _files.Write("f.toml", "function = \"f\"\nsource = \"f.wasm\"\n[[input]]\n[[input]]\nname = \"b\"\n[[output]]\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"f\"\n");

        Assert.Equal($"{_files.PathOf("f.toml")}:5: an unnamed input is only allowed when there is exactly one input", message);
    }

    [Fact]
    public void Duplicate_io_names_are_an_error()
    {
        _files.Write("f.toml", "function = \"f\"\nsource = \"f.wasm\"\n[[input]]\nname = \"a\"\n[[input]]\nname = \"a\"\n[[output]]\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"f\"\n");

        Assert.Equal($"{_files.PathOf("f.toml")}:6: duplicate input name 'a'", message);
    }
}
