// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class DeadCodeTests : IDisposable
{
    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    // keep -> stdout; a -> b (b's output goes nowhere); stdout last.
    private const string Flow = """
        flow = "x"
        [[process]]
        alias = "keep"
        source = "lib://flowstdlib/math/add"
        input.i1 = { once = 1 }
        input.i2 = { once = 2 }
        [[process]]
        alias = "a"
        source = "lib://flowstdlib/math/add"
        input.i1 = { once = 1 }
        input.i2 = { once = 2 }
        [[process]]
        alias = "b"
        source = "lib://flowstdlib/fmt/to_string"
        [[process]]
        source = "context://stdio/stdout"
        [[connection]]
        from = "keep"
        to = "stdout"
        [[connection]]
        from = "a"
        to = "b"
        """;

    [Fact]
    public void Pure_functions_without_outgoing_connections_are_removed_repeatedly_and_ids_renumbered()
    {
        var manifest = _files.CompileRoot(Flow);

        Assert.Equal(["/x/keep", "/x/stdout"], manifest.Functions.Select(f => f.Route));
        Assert.Equal([0, 1], manifest.Functions.Select(f => f.Id));
        var connection = Assert.Single(manifest.Functions[0].OutputConnections);
        Assert.Equal(1, connection.DestinationId);
        Assert.Equal(["lib://flowstdlib/math/add"], manifest.LibReferences);
    }

    [Fact]
    public void Dead_code_removal_can_be_turned_off()
    {
        var manifest = _files.CompileRoot(Flow, removeDeadCode: false);

        Assert.Equal(["/x/keep", "/x/a", "/x/b", "/x/stdout"], manifest.Functions.Select(f => f.Route));
        Assert.Equal(3, Assert.Single(manifest.Functions[0].OutputConnections).DestinationId);
        Assert.Equal(2, Assert.Single(manifest.Functions[1].OutputConnections).DestinationId);
        Assert.Equal(["lib://flowstdlib/fmt/to_string", "lib://flowstdlib/math/add"], manifest.LibReferences);
    }

    [Fact]
    public void Inputs_of_removed_functions_are_not_checked()
    {
        string flow = Flow + "\n[[process]]\nalias = \"lonely\"\nsource = \"lib://flowstdlib/math/add\"\n";

        Assert.Equal(2, _files.CompileRoot(flow).Functions.Count);
        Assert.Contains("Input at route '/x/lonely/i1' is not connected to nor initialized",
            Assert.Throws<CompileException>(() => _files.Compile(removeDeadCode: false)).Message);
    }

    [Fact]
    public void Impure_functions_and_functions_feeding_themselves_are_kept()
    {
        var manifest = _files.CompileRoot("""
            flow = "x"
            [[process]]
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            source = "context://stdio/stdout"
            input.default = { once = "hello" }
            [[process]]
            source = "context://args/get"
            [[connection]]
            from = "add"
            to = "add/i1"
            """);

        Assert.Equal(["/x/add", "/x/stdout", "/x/get"], manifest.Functions.Select(f => f.Route));
    }

    [Fact]
    public void Context_functions_are_impure_without_the_impure_key()
    {
        var context = FlowFiles.Context().Add("log/log.toml", "function = \"log\"\n[[input]]\n");
        _files.Write("root.toml", "flow = \"x\"\n[[process]]\nsource = \"context://log\"\ninput.default = { once = 1 }\n");
        var options = new CompilerOptions { Context = context };

        var manifest = new FlowCompiler(options).Compile(_files.Root);

        Assert.Equal("context://log", Assert.Single(manifest.Functions).ImplementationLocation);
        Assert.Equal(["context://log"], manifest.ContextReferences);
    }
}
