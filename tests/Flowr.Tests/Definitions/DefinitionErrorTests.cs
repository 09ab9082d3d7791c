// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Definitions;

/// <summary>
/// Mistakes in flow definitions, through the native flowr: one line on stderr naming the file and
/// line, what is allowed there or what was looked for, and exit code 1 with nothing on stdout.
/// </summary>
public sealed class DefinitionErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-definitions-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFlow(string toml)
    {
        File.WriteAllText(Path.Combine(_dir, "root.toml"), toml);
        return _dir;
    }

    private string RootFile => Path.Combine(_dir, "root.toml");

    private static void AssertFailsWith(FlowrProcess.Result result, string stderr)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(stderr + "\n", result.Stderr);
    }

    [Fact]
    public void A_misspelt_key_names_the_line_and_the_keys_allowed()
    {
        string flow = WriteFlow("flow = \"x\"\n\n[[process]]\nsourse = \"context://stdio/stdout\"\n");

        AssertFailsWith(FlowrProcess.Run([flow]), $"{RootFile}:4: unknown key 'sourse' in a [[process]]; the keys allowed there: "
            + "'source', 'alias', 'input', 'x', 'y', 'width', 'height' (did you mean 'source'?)");
    }

    [Fact]
    public void A_misspelt_process_in_a_connection_gets_a_suggestion()
    {
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i1 = { once = 1 }\ninput.i2 = { once = 2 }\n"
            + "[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"add\"\nto = \"stdot\"\n");

        AssertFailsWith(FlowrProcess.Run([flow]), $"{RootFile}:8: Connection destination 'stdot' not found in flow 'x' at route '/x': "
            + "there is no process 'stdot' here; its processes: 'add', 'stdout' (did you mean 'stdout'?)");
    }

    [Fact]
    public void An_initializer_of_the_wrong_type_fails_before_running()
    {
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/math/add\"\ninput.i1 = { once = \"one\" }\ninput.i2 = { once = 2 }\n"
            + "[[process]]\nsource = \"context://stdio/stdout\"\n[[connection]]\nfrom = \"add\"\nto = \"stdout\"\n");

        AssertFailsWith(FlowrProcess.Run([flow]),
            $"{RootFile}:4: The initializer of input 'i1' is a string (\"one\"), which cannot go to input '/x/add/i1' of type 'number'");
    }

    [Fact]
    public void An_unknown_library_function_suggests_the_closest_one()
    {
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/math/sqr\"\n");

        AssertFailsWith(FlowrProcess.Run([flow]),
            $"{RootFile}:2: Could not resolve 'lib://flowstdlib/math/sqr': the built-in flowstdlib has no 'math/sqr'; lib://flowstdlib/math/ has: "
            + "'add', 'compare', 'cos', 'divide', 'multiply', 'range', 'range_split', 'sequence', 'sin', 'sqrt', 'subtract', 'tan' (did you mean 'lib://flowstdlib/math/sqrt'?)");
    }

    [Fact]
    public void An_unknown_library_lists_the_places_searched()
    {
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"lib://mylib/tool\"\n");
        string libs = Path.Combine(_dir, "libs");

        var result = FlowrProcess.Run(["-L", libs, flow]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{RootFile}:2: Could not resolve 'lib://mylib/tool': library 'mylib' is in none of the directories of the library search path: ", result.Stderr);
        Assert.Contains($"{libs} (-L)", result.Stderr);
        Assert.Contains("/.flow/lib (~/.flow/lib)", result.Stderr);
    }

    [Fact]
    public void A_directory_without_root_toml_says_so()
    {
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);

        AssertFailsWith(FlowrProcess.Run([empty]), $"Could not resolve '{empty}': the directory '{empty}' has no root.toml (nor empty.toml)");
    }

    [Fact]
    public void An_endless_definition_file_is_refused_without_exhausting_memory()
    {
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"/dev/zero\"\n");

        AssertFailsWith(FlowrProcess.Run([flow], timeout: TimeSpan.FromSeconds(30)),
            "/dev/zero: Could not read definition: it is larger than 64 MiB, the limit for a definition file");
    }

    [Fact]
    public void A_library_flows_internals_give_no_warnings()
    {
        // sequence's 'last' output goes nowhere here: the library's business, shown only at debug level.
        string flow = WriteFlow("flow = \"x\"\n[[process]]\nsource = \"lib://flowstdlib/math/sequence\"\ninput.start = { once = 1 }\n"
            + "input.step = { once = 1 }\ninput.limit = { once = 3 }\n[[process]]\nsource = \"context://stdio/stdout\"\n"
            + "[[connection]]\nfrom = \"sequence/number\"\nto = \"stdout\"\n");

        var warn = FlowrProcess.Run(["-v", "warn", flow]);
        Assert.Equal(0, warn.ExitCode);
        Assert.Equal("1\n2\n3\n", warn.Stdout);
        Assert.DoesNotContain("reaches no function", warn.Stderr, StringComparison.Ordinal);

        var debug = FlowrProcess.Run(["-v", "debug", flow]);
        Assert.Contains("'/x/sequence/last' and reaches no function", debug.Stderr, StringComparison.Ordinal);
    }
}
