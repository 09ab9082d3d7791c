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

        Assert.Equal($"{RootFile}:2: Input at route '/x/add/i1' is not connected to nor initialized", message);
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

        Assert.Equal($"{_files.PathOf("sub/sub.toml")}:3: Input at route '/x/sub/stdout' is not connected to nor initialized", message);
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

        Assert.Equal($"{RootFile}:2: Input at route '/x/add/i2' has a 'Constant' initializer and a connection to it", message);
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
        Assert.Equal($"{RootFile}:2: Root flow 'x' cannot have inputs or outputs",
            _files.CompileError("flow = \"x\"\n[[input]]\nname = \"a\"\n" + Stdout));
        Assert.Equal($"{RootFile}:3: Root flow 'x' cannot have inputs or outputs",
            _files.CompileError("flow = \"x\"\n\n[[output]]\n" + Stdout));
    }

    [Fact]
    public void A_duplicate_alias_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n" + Stdout + "\n" + Stdout);

        Assert.Equal($"{RootFile}:5: Duplicate alias 'stdout' in flow '/x'", message);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("output")]
    public void Reserved_words_cannot_be_aliases(string alias)
    {
        string message = _files.CompileError($"flow = \"x\"\n{Stdout}\nalias = \"{alias}\"\n");

        Assert.Equal($"{RootFile}:2: '{alias}' is a reserved word and cannot be the alias of process '/x/{alias}'", message);
    }

    [Fact]
    public void An_initializer_on_an_unknown_input_is_an_error()
    {
        Assert.Equal($"{RootFile}:4: Process '/x/stdout' has no input 'colour' to initialize; its inputs: 'default'",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.colour = { once = 1 }\n"));

        _files.Write("sub.toml", "flow = \"sub\"\n[[input]]\nname = \"a\"\n" + Stdout);
        Assert.Equal($"{RootFile}:4: Process '/x/sub' has no input 'b' to initialize; its inputs: 'a'",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"sub\"\ninput.b = { once = 1 }\n"));

        Assert.Equal($"{RootFile}:4: Process '/x/add' has no input 'i3' to initialize; its inputs: 'i1', 'i2' (did you mean 'i1'?)",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i3 = { once = 1 }\n"));
    }

    [Fact]
    public void A_malformed_initializer_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { sometimes = 1 }\n");

        Assert.Equal($"{RootFile}:4: unknown key 'sometimes' in the initializer of input 'default'; the keys allowed there: 'once', 'always'", message);
        Assert.EndsWith("(did you mean 'once'?)",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = { onse = 1 }\n"));
        Assert.Equal($"{RootFile}:4: the initializer of input 'default' must be {{ once = <value> }} or {{ always = <value> }}",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stdout\"\ninput.default = 1\n"));
    }

    [Fact]
    public void A_flow_that_includes_itself_is_an_error()
    {
        _files.Write("a/a.toml", "flow = \"a\"\n[[process]]\nsource = \"../b.toml\"\n");
        _files.Write("b.toml", "flow = \"b\"\n[[process]]\nsource = \"a\"\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"a\"\n");

        Assert.Equal($"{_files.PathOf("b.toml")}:2: Flow '/x/a/b/a' includes itself", message);
    }

    [Fact]
    public void A_root_that_includes_itself_is_an_error()
    {
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"root.toml\"\n");

        Assert.Equal($"{RootFile}:2: Flow '/x/x' includes itself", message);
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
    [InlineData("lib://flowstdlib/math/missing", "the built-in flowstdlib has no 'math/missing'; lib://flowstdlib/math/ has: 'add', 'sequence', 'subtract'")]
    [InlineData("lib://nolib/math/add", "library 'nolib' was not found: the library search path is empty (its directories come from $FLOW_LIB_PATH, -L and ~/.flow/lib)")]
    [InlineData("lib://nolib", "a library reference is lib://<library>/<path>")]
    [InlineData("context://stdio/missing", "there is no context function 'stdio/missing'; context://stdio/ has: 'stderr', 'stdin', 'stdout'")]
    [InlineData("https://example.com/flow.toml", "only relative paths, file://, lib:// and context:// references are supported")]
    public void An_unresolvable_reference_says_why(string source, string why)
    {
        string message = _files.CompileError($"flow = \"x\"\n[[process]]\nsource = \"{source}\"\n");

        Assert.Equal($"{RootFile}:2: Could not resolve '{source}': {why}", message);
    }

    [Fact]
    public void An_unresolvable_relative_reference_names_the_path_tried_and_a_close_name()
    {
        _files.Write("parts/double.toml", "flow = \"double\"\n" + Stdout);
        Directory.CreateDirectory(_files.PathOf("empty"));
        string parts = _files.PathOf("parts");

        Assert.Equal($"{RootFile}:2: Could not resolve 'parts/duoble': there is no file or directory '{parts}/duoble' (nor '{parts}/duoble.toml') (did you mean 'double'?)",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"parts/duoble\"\n"));
        Assert.Equal($"{RootFile}:2: Could not resolve 'nowhere/x': the directory '{_files.PathOf("nowhere")}' does not exist",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"nowhere/x\"\n"));
        Assert.Equal($"{RootFile}:2: Could not resolve 'empty': the directory '{_files.PathOf("empty")}' has no root.toml (nor empty.toml)",
            _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"empty\"\n"));
    }

    [Fact]
    public void An_unresolvable_root_is_an_error()
    {
        var compiler = new FlowCompiler(_files.Options());
        Directory.CreateDirectory(_files.PathOf("flowless"));

        Assert.Equal($"Could not resolve '{_files.PathOf("nothing")}': there is no file or directory '{_files.PathOf("nothing")}' (nor '{_files.PathOf("nothing")}.toml')",
            Assert.Throws<CompileException>(() => compiler.Compile(_files.PathOf("nothing"))).Message);
        Assert.Equal($"Could not resolve '{_files.PathOf("flowless")}': the directory '{_files.PathOf("flowless")}' has no root.toml (nor flowless.toml)",
            Assert.Throws<CompileException>(() => compiler.Compile(_files.PathOf("flowless"))).Message);
    }

    [Theory]
    [InlineData("stdout/value", "stdout", "Connection source 'stdout/value' not found in flow 'x' at route '/x': function 'stdout' has no output or input 'value'; its outputs: none; its inputs: the default (unnamed) one")]
    [InlineData("nothing", "stdout", "Connection source 'nothing' not found in flow 'x' at route '/x': there is no process 'nothing' here; its processes: 'add', 'stdout'")]
    [InlineData("ad", "stdout", "Connection source 'ad' not found in flow 'x' at route '/x': there is no process 'ad' here; its processes: 'add', 'stdout' (did you mean 'add'?)")]
    [InlineData("input/a", "stdout", "Connection source 'input/a' not found in flow 'x' at route '/x': flow 'x' has no input 'a'; its inputs: none")]
    [InlineData("output/a", "stdout", "Connection source 'output/a' not found in flow 'x' at route '/x': 'output/…' names an output of this flow, which can only be a destination")]
    [InlineData("add", "nothing", "Connection destination 'nothing' not found in flow 'x' at route '/x': there is no process 'nothing' here; its processes: 'add', 'stdout'")]
    [InlineData("add", "stdot", "Connection destination 'stdot' not found in flow 'x' at route '/x': there is no process 'stdot' here; its processes: 'add', 'stdout' (did you mean 'stdout'?)")]
    [InlineData("add", "add/i3", "Connection destination 'add/i3' not found in flow 'x' at route '/x': function 'add' has no input 'i3'; its inputs: 'i1', 'i2' (did you mean 'i1'?)")]
    [InlineData("add", "stdout/x", "Connection destination 'stdout/x' not found in flow 'x' at route '/x': function 'stdout' has no input 'x'; its inputs: the default (unnamed) one")]
    [InlineData("add", "output/x", "Connection destination 'output/x' not found in flow 'x' at route '/x': flow 'x' has no output 'x'; its outputs: none")]
    [InlineData("add", "inputs/x", "Connection destination 'inputs/x' not found in flow 'x' at route '/x': there is no process 'inputs' here; its processes: 'add', 'stdout'; 'input/<name>' names one of this flow's own IOs")]
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

        Assert.Equal($"{RootFile}:8: {expected}", message);
    }

    [Fact]
    public void A_sub_flow_input_cannot_be_a_source()
    {
        _files.Write("sub.toml", "flow = \"sub\"\n[[input]]\nname = \"a\"\n" + Stdout);
        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"sub\"\n" + Stdout + "\n[[connection]]\nfrom = \"sub/a\"\nto = \"stdout\"\n");

        Assert.Equal($"{RootFile}:7: Connection source 'sub/a' not found in flow 'x' at route '/x': 'a' is an input of sub-flow 'sub': only a function's inputs can be sources", message);
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

        Assert.Equal($"{_files.PathOf("f.toml")}:4: an unnamed input is only allowed when there is exactly one input", message);
    }

    [Fact]
    public void Duplicate_io_names_are_an_error()
    {
        _files.Write("f.toml", "function = \"f\"\nsource = \"f.wasm\"\n[[input]]\nname = \"a\"\n[[input]]\nname = \"a\"\n[[output]]\n");

        string message = _files.CompileError("flow = \"x\"\n[[process]]\nsource = \"f\"\n");

        Assert.Equal($"{_files.PathOf("f.toml")}:5: duplicate input name 'a'", message);
    }
}
