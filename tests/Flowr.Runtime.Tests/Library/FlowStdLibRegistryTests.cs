// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Library;

namespace Flowr.Runtime.Tests.Library;

public sealed class FlowStdLibRegistryTests
{
    private const string Prefix = FlowStdLib.Name + "/";

    // Every function of the 0.142 library plus the 1.0 data and math additions (runtime/Library/README.md).
    private static readonly string[] s_functions =
    [
        "control/compare_switch", "control/index", "control/join", "control/route", "control/select", "control/tap",
        "data/accumulate", "data/append", "data/array_get", "data/array_set", "data/avg", "data/bin_count", "data/count",
        "data/duplicate", "data/enumerate", "data/info", "data/max", "data/min", "data/ordered_split", "data/remove",
        "data/sort", "data/split", "data/zip",
        "fmt/reverse", "fmt/to_json", "fmt/to_string",
        "math/add", "math/compare", "math/cos", "math/divide", "math/multiply", "math/range_split", "math/sin",
        "math/sqrt", "math/subtract", "math/tan",
        "matrix/compose_matrix", "matrix/duplicate_rows", "matrix/multiply_row", "matrix/transpose",
    ];

    private static readonly string[] s_flows = ["control/index_f", "math/range", "math/sequence", "matrix/multiply"];

    // "flowstdlib/<path>" for every definition compiled into the runtime.
    private static string[] EmbeddedDefinitions() =>
        FlowStdLibDefinitions.Paths.Select(path => Prefix + path).Order(StringComparer.Ordinal).ToArray();

    private static string Text(string resource) =>
        System.Text.Encoding.UTF8.GetString(FlowStdLibDefinitions.Utf8(IndexOf(resource[Prefix.Length..])));

    private static int IndexOf(string path)
    {
        for (int index = 0; index < FlowStdLibDefinitions.Paths.Count; index++)
        {
            if (FlowStdLibDefinitions.Paths[index] == path) return index;
        }
        throw new KeyNotFoundException(path);
    }

    private static Definition Parse(string resource, List<string> warnings) =>
        DefinitionParser.Parse(Text(resource), "lib://" + resource, warnings.Add);

    [Fact]
    public void Every_function_and_flow_is_embedded_under_its_lib_path()
    {
        var expected = s_functions.Concat(s_flows).Select(path => Prefix + path + ".toml").Order(StringComparer.Ordinal);
        Assert.Equal(expected, EmbeddedDefinitions());
    }

    [Fact]
    public void Every_embedded_definition_parses_without_warnings_and_is_named_after_its_file()
    {
        foreach (string resource in EmbeddedDefinitions())
        {
            var warnings = new List<string>();
            var definition = Parse(resource, warnings);
            Assert.True(warnings.Count == 0, $"{resource}: {string.Join("; ", warnings)}");
            Assert.Equal(Path.GetFileNameWithoutExtension(resource), definition.Name);
            bool isFlow = s_flows.Contains(resource[Prefix.Length..^".toml".Length]);
            Assert.Equal(isFlow, definition is FlowDefinition);
        }
    }

    [Fact]
    public void Every_definition_file_is_valid_toml_for_tomlyn()
    {
        foreach (string resource in EmbeddedDefinitions())
        {
            var table = Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(Text(resource));
            Assert.True(table!.ContainsKey("function") || table.ContainsKey("flow"), resource);
        }
    }

    [Fact]
    public void Every_function_definition_has_an_implementation_with_its_input_count_and_vice_versa()
    {
        foreach (string path in s_functions)
        {
            var definition = Assert.IsType<FunctionDefinition>(Parse(Prefix + path + ".toml", []));
            Assert.False(definition.Impure, path);
            Assert.True(definition.Inputs.Count > 0 && definition.Outputs.Count > 0, $"{path} is pure: it needs inputs and outputs");
            Assert.True(FlowStdLib.TryGetInputCount("lib://flowstdlib/" + path, out int inputs), path);
            Assert.Equal(definition.Inputs.Count, inputs);
        }
        Assert.Equal(s_functions.Select(path => "lib://flowstdlib/" + path).Order(StringComparer.Ordinal),
            FlowStdLib.FunctionLocations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Library_flows_have_no_implementation()
    {
        foreach (string path in s_flows) Assert.False(FlowStdLib.TryGetImplementation("lib://flowstdlib/" + path, out _), path);
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/add")]
    [InlineData("lib://flowstdlib/math/add/add")]
    [InlineData("lib://flowstdlib/math/add/")]
    [InlineData("lib://flowstdlib/data/ordered_split/ordered_split")]
    public void Both_spellings_of_a_location_find_the_same_function(string location)
    {
        Assert.True(FlowStdLib.TryGetImplementation(location, out var implementation));
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/" + location.Split('/')[3] + "/" + location.Split('/')[4], out var canonical));
        Assert.Same(canonical, implementation);
    }

    [Theory]
    [InlineData("lib://flowstdlib/math/nothing")]
    [InlineData("lib://flowstdlib/math")]
    [InlineData("lib://flowstdlib/math/add/subtract")]
    [InlineData("lib://flowstdlib/add/add")]
    [InlineData("lib://otherlib/math/add")]
    [InlineData("context://stdio/stdout")]
    [InlineData("math/add")]
    [InlineData("")]
    public void Unknown_locations_are_not_found(string location) => Assert.False(FlowStdLib.TryGetImplementation(location, out _));

    [Fact]
    public void Implementations_are_singletons()
    {
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/control/tap", out var first));
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/control/tap", out var second));
        Assert.Same(first, second);
        Assert.Equal("flowstdlib", FlowStdLib.Name);
    }

    [Fact]
    public void Every_library_flow_compiles_when_used()
    {
        string[] roots =
        [
            Use("math/sequence", "input.start = { once = 1 }\ninput.limit = { once = 3 }\ninput.step = { once = 1 }", "number"),
            Use("math/range", "input.range = { once = [1, 3] }", "number"),
            Use("control/index_f", "input.value = { once = 1 }\ninput.select_index = { once = 0 }", "selected_value"),
            Use("matrix/multiply", "input.a = { once = [[1]] }\ninput.b = { once = [[2]] }", "product"),
        ];
        foreach (string root in roots)
        {
            var warnings = new List<string>();
            var manifest = LibraryFlowRunner.Compile(root, warnings);
            Assert.NotEmpty(manifest.Functions);
            Assert.All(manifest.Functions.Where(f => !f.IsContext),
                f => Assert.True(FlowStdLib.TryGetImplementation(f.ImplementationLocation, out _), f.ImplementationLocation));
        }

        static string Use(string flow, string initializers, string output) => $$"""
            flow = "use"

            [[process]]
            alias = "under_test"
            source = "lib://flowstdlib/{{flow}}"
            {{initializers}}

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "under_test/{{output}}"
            to = "stdout"
            """;
    }
}
