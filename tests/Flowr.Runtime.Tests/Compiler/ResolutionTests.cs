// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler;

namespace Flowr.Runtime.Tests.Compiler;

public sealed class ResolutionTests : IDisposable
{
    private const string Hello = """
        flow = "hello"
        [[process]]
        source = "context://stdio/stdout"
        input.default = { once = "Hello World!" }
        """;

    private readonly FlowFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string CompiledRoute(string path) =>
        Assert.Single(new FlowCompiler(_files.Options()).Compile(path).Functions).Route;

    [Fact]
    public void A_directory_uses_its_root_toml()
    {
        _files.Write("hello/root.toml", Hello);
        _files.Write("hello/hello.toml", Hello.Replace("\"hello\"", "\"other\"", StringComparison.Ordinal));

        Assert.Equal("/hello/stdout", CompiledRoute(_files.PathOf("hello")));
        Assert.Equal("/hello/stdout", CompiledRoute(_files.PathOf("hello") + "/"));
    }

    [Fact]
    public void A_directory_without_root_toml_uses_the_file_named_after_it()
    {
        _files.Write("named/named.toml", Hello);

        Assert.Equal("/hello/stdout", CompiledRoute(_files.PathOf("named")));
    }

    [Fact]
    public void A_file_is_used_as_given_or_with_toml_appended()
    {
        _files.Write("flows/first.toml", Hello);

        Assert.Equal("/hello/stdout", CompiledRoute(_files.PathOf("flows/first.toml")));
        Assert.Equal("/hello/stdout", CompiledRoute(_files.PathOf("flows/first")));
        Assert.Equal("/hello/stdout", CompiledRoute("file://" + _files.PathOf("flows/first")));
    }

    [Fact]
    public void Relative_sub_flow_references_use_the_referencing_files_directory()
    {
        _files.Write("app/root.toml", "flow = \"app\"\n[[process]]\nsource = \"parts/greeter\"\n");
        _files.Write("app/parts/greeter/greeter.toml", "flow = \"greeter\"\n[[process]]\nsource = \"../shared/say\"\n");
        _files.Write("app/parts/shared/say.toml", Hello.Replace("flow = \"hello\"", "flow = \"say\"", StringComparison.Ordinal));
        _files.Write("elsewhere/say.toml", "flow = \"say\"\n[[process]]\nsource = \"/" + _files.PathOf("app/parts/shared/say.toml").TrimStart('/') + "\"\n");

        Assert.Equal("/app/greeter/say/stdout", CompiledRoute(_files.PathOf("app")));
        Assert.Equal("/say/say/stdout", CompiledRoute(_files.PathOf("elsewhere/say.toml")));
    }

    [Fact]
    public void Library_references_accept_the_doubled_spelling_and_keep_one_canonical_url()
    {
        var manifest = _files.CompileRoot("""
            flow = "x"
            [[process]]
            alias = "a"
            source = "lib://flowstdlib/math/add/add"
            input.i1 = { once = 1 }
            input.i2 = { once = 2 }
            [[process]]
            alias = "b"
            source = "lib://flowstdlib/math/add"
            input.i1 = { once = 1 }
            [[process]]
            source = "context://stdio/stdout.toml"
            [[connection]]
            from = "a"
            to = "b/i2"
            [[connection]]
            from = "b"
            to = "stdout"
            """);

        Assert.Equal(["lib://flowstdlib/math/add", "lib://flowstdlib/math/add", "context://stdio/stdout"],
            manifest.Functions.Select(f => f.ImplementationLocation));
        Assert.Equal(["lib://flowstdlib/math/add"], manifest.LibReferences);
    }

    [Fact]
    public void Context_references_find_the_older_layout()
    {
        var manifest = _files.CompileRoot("flow = \"x\"\n[[process]]\nsource = \"context://stdio/stderr\"\ninput.default = { once = 1 }\n");

        Assert.Equal("context://stdio/stderr", Assert.Single(manifest.Functions).ImplementationLocation);
    }

    [Fact]
    public void Other_libraries_are_searched_on_the_library_search_path_in_order()
    {
        string first = _files.PathOf("first");
        string second = _files.PathOf("second");
        _files.Write("second/mylib/greet/greet.toml", Hello.Replace("flow = \"hello\"", "flow = \"greet\"", StringComparison.Ordinal));
        _files.Write("first/mylib/other.toml", Hello);
        _files.Write("root.toml", "flow = \"x\"\n[[process]]\nsource = \"lib://mylib/greet\"\n");

        var manifest = new FlowCompiler(_files.Options(searchPath: [first, second])).Compile(_files.Root);

        Assert.Equal("/x/greet/stdout", Assert.Single(manifest.Functions).Route);
        Assert.Contains(manifest.SourceUrls, pair => pair.Key == "lib://mylib/greet"
            && pair.Value == "file://" + _files.PathOf("second/mylib/greet/greet.toml"));

        // A first match wins.
        _files.Write("first/mylib/greet.toml", Hello.Replace("flow = \"hello\"", "flow = \"first\"", StringComparison.Ordinal));
        Assert.Equal("/x/first/stdout", Assert.Single(new FlowCompiler(_files.Options(searchPath: [first, second])).Compile(_files.Root).Functions).Route);
    }

    [Fact]
    public void Functions_of_an_on_disk_library_are_library_references()
    {
        _files.Write("libs/mylib/math/double/double.toml", FlowFiles.Function("double", ("", "number")) + FlowFiles.Output("", "number"));
        _files.Write("root.toml", """
            flow = "x"
            [[process]]
            source = "lib://mylib/math/double"
            input.default = { once = 2 }
            [[process]]
            source = "context://stdio/stdout"
            [[connection]]
            from = "double"
            to = "stdout"
            """);

        var manifest = new FlowCompiler(_files.Options(searchPath: [_files.PathOf("libs")])).Compile(_files.Root);

        Assert.Equal("lib://mylib/math/double", manifest.Functions[0].ImplementationLocation);
        Assert.Equal(["lib://mylib/math/double"], manifest.LibReferences);
    }

    [Fact]
    public void Flowstdlib_is_searched_on_the_path_when_not_built_in()
    {
        _files.Write("libs/flowstdlib/math/add/add.toml", FlowFiles.Function("add", ("i1", "number"), ("i2", "number")) + FlowFiles.Output("", "number"));
        _files.Write("root.toml", FibonacciCompileTests.Fibonacci);
        var options = new CompilerOptions { Context = FlowFiles.Context(), LibrarySearchPath = [_files.PathOf("libs")] };

        var manifest = new FlowCompiler(options).Compile(_files.Root);

        Assert.Equal("lib://flowstdlib/math/add", manifest.Functions[0].ImplementationLocation);
    }

    [Fact]
    public void The_library_search_path_is_flow_lib_path_then_lib_dirs_then_home()
    {
        string? saved = Environment.GetEnvironmentVariable("FLOW_LIB_PATH");
        try
        {
            Environment.SetEnvironmentVariable("FLOW_LIB_PATH", "/a/lib, /b/lib,");
            var path = CompilerOptions.BuildLibrarySearchPath(["/c", "/d"]);

            List<string> expected = ["/a/lib", "/b/lib", "/c", "/d"];
            if (Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home) expected.Add(Path.Combine(home, ".flow", "lib"));
            Assert.Equal(expected, path);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLOW_LIB_PATH", saved);
        }
    }

    [Fact]
    public void A_directory_tree_resolves_with_the_same_rules()
    {
        _files.Write("tree/math/add/add.toml", "a");
        _files.Write("tree/math/sequence.toml", "s");
        _files.Write("tree/flows/x/root.toml", "r");
        var tree = new DirectoryDefinitionTree(_files.PathOf("tree"));

        Assert.True(tree.TryResolve("math/add", out var add));
        Assert.Equal("math/add/add.toml", add);
        Assert.True(tree.TryResolve("math/add/add", out var doubled));
        Assert.Equal("math/add/add.toml", doubled);
        Assert.True(tree.TryResolve("math/sequence", out var sequence));
        Assert.Equal("s", tree.ReadText(sequence));
        Assert.True(tree.TryResolve("flows/x", out var root));
        Assert.Equal("flows/x/root.toml", root);
        Assert.False(tree.TryResolve("math/missing", out _));
        Assert.False(tree.TryResolve("../tree/math/add", out _));
    }

    [Fact]
    public void Files_below_the_working_directory_are_shown_relative_to_it()
    {
        string cwd = Directory.GetCurrentDirectory();

        Assert.Equal(Path.Combine("examples", "x", "root.toml"),
            Flowr.Runtime.Compiler.Loading.DefinitionResolver.DisplayPath(Path.Combine(cwd, "examples", "x", "root.toml")));
        Assert.Equal(_files.PathOf("root.toml"), Flowr.Runtime.Compiler.Loading.DefinitionResolver.DisplayPath(_files.PathOf("root.toml")));
    }

    [Fact]
    public void Errors_inside_a_library_flow_name_its_library_url()
    {
        var library = FlowFiles.StandardLibrary().Add("broken.toml", "flow = \"broken\"\n[[connection]]\nfrom = \"nothing\"\nto = \"output\"\n");
        _files.Write("root.toml", "flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/broken\"\n");
        var options = new CompilerOptions { StandardLibrary = library, Context = FlowFiles.Context() };

        var error = Assert.Throws<CompileException>(() => new FlowCompiler(options).Compile(_files.Root));

        Assert.Equal("lib://flowstdlib/broken.toml:2: Connection source 'nothing' not found in flow 'broken' at route '/x/broken': "
            + "there is no process 'nothing' here; its processes: none", error.Message);
    }

    [Fact]
    public void An_unresolved_library_lists_the_search_path_and_where_each_entry_came_from()
    {
        string? saved = Environment.GetEnvironmentVariable("FLOW_LIB_PATH");
        try
        {
            Environment.SetEnvironmentVariable("FLOW_LIB_PATH", _files.PathOf("env-libs"));
            var options = new CompilerOptions
            {
                Context = FlowFiles.Context(),
                LibrarySearchPath = CompilerOptions.BuildLibrarySearchPath([_files.PathOf("cli-libs")]),
            };
            _files.Write("root.toml", "flow = \"x\"\n[[process]]\nsource = \"lib://mylib/tools/x\"\n");

            string message = Assert.Throws<CompileException>(() => new FlowCompiler(options).Compile(_files.Root)).Message;

            string expected = $"{_files.PathOf("root.toml")}:2: Could not resolve 'lib://mylib/tools/x': library 'mylib' is in none of the directories "
                + $"of the library search path: {_files.PathOf("env-libs")} ($FLOW_LIB_PATH), {_files.PathOf("cli-libs")} (-L)";
            if (Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home) expected += $", {Path.Combine(home, ".flow", "lib")} (~/.flow/lib)";
            Assert.Equal(expected, message);

            _files.Write("cli-libs/mylib/tools/y.toml", "flow = \"y\"\n");
            Assert.EndsWith($"Could not resolve 'lib://mylib/tools/x': library 'mylib' has no 'tools/x' (searched {_files.PathOf("cli-libs/mylib")})",
                Assert.Throws<CompileException>(() => new FlowCompiler(options).Compile(_files.Root)).Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLOW_LIB_PATH", saved);
        }
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/ad", "the built-in flowstdlib has no 'math/ad'; lib://flowstdlib/math/ has: 'add', 'sequence', 'subtract' (did you mean 'lib://flowstdlib/math/add'?)")]
    [InlineData("lib://flowstdlib/math/sequense", "the built-in flowstdlib has no 'math/sequense'; lib://flowstdlib/math/ has: 'add', 'sequence', 'subtract' (did you mean 'lib://flowstdlib/math/sequence'?)")]
    [InlineData("context://stdio/stdot", "there is no context function 'stdio/stdot'; context://stdio/ has: 'stderr', 'stdin', 'stdout' (did you mean 'context://stdio/stdout'?)")]
    [InlineData("lib://flowstdlib/maths/add", "the built-in flowstdlib has no 'maths/add'; lib://flowstdlib/ has: 'control', 'data', 'fmt', 'math' (did you mean 'lib://flowstdlib/math/add'?)")]
    [InlineData("context://args/gte", "there is no context function 'args/gte'; context://args/ has: 'get' (did you mean 'context://args/get'?)")]
    public void An_unresolved_built_in_reference_suggests_the_closest_definition(string source, string why)
    {
        Assert.Equal($"{_files.PathOf("root.toml")}:2: Could not resolve '{source}': {why}",
            _files.CompileError($"flow = \"x\"\n[[process]]\nsource = \"{source}\"\n"));
    }
}
