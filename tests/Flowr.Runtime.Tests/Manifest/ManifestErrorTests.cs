// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model.Manifest;

namespace Flowr.Runtime.Tests.Manifest;

public class ManifestErrorTests
{
    private const string Path = "/flows/bad/manifest.json";
    private const string Stdout = "\"implementation_location\": \"context://stdio/stdout\"";

    [Theory]
    [InlineData("{", "", "Invalid JSON at byte 1: EOF while parsing an object")]
    [InlineData("[]", "(root)", "expected an object, found an array")]
    [InlineData("{}", "functions", "missing")]
    [InlineData("{\"functions\": \"x\"}", "functions", "expected an array (0.142) or an object (1.0), found string \"x\"")]
    [InlineData("{\"functions\": [1]}", "functions[0]", "expected an object, found number 1")]
    [InlineData("{\"functions\": [{\"function_id\": 1, \"flow_id\": 0, " + Stdout + "}]}", "functions[0].function_id", "expected 0 (its index in functions), found 1")]
    [InlineData("{\"functions\": [{\"flow_id\": 0, " + Stdout + "}]}", "functions[0].function_id", "missing")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": -1, " + Stdout + "}]}", "functions[0].flow_id", "expected a non-negative integer, found number -1")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0}]}", "functions[0].implementation_location", "missing")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, \"implementation_location\": 3}]}", "functions[0].implementation_location", "expected a string, found number 3")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": {}}]}", "functions[0].inputs", "expected an array, found an object")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{\"generic\": 1}]}]}", "functions[0].inputs[0].generic", "expected a boolean, found number 1")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{\"array_order\": 1.0}]}]}", "functions[0].inputs[0].array_order", "expected a non-negative integer, found number 1.0")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{\"initializer\": {\"Once\": 1}}]}]}", "functions[0].inputs[0].initializer", "expected {\"once\": value} or {\"always\": value}")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{\"flow_initializer\": {\"once\": 1, \"always\": 2}}]}]}", "functions[0].inputs[0].flow_initializer", "expected {\"once\": value} or {\"always\": value}")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 1, \"destination_io_number\": 0, \"destination_flow_id\": 0}]}]}", "functions[0].output_connections[0].destination_id", "no function with function_id 1")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 0, \"destination_io_number\": 1, \"destination_flow_id\": 0}]}]}", "functions[0].output_connections[0].destination_io_number", "input 1 does not exist: the destination function has 1 input(s)")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 0, \"destination_io_number\": 0}]}]}", "functions[0].output_connections[0].destination_flow_id", "missing")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"source\": {\"Input\": 1}, \"destination_id\": 0, \"destination_io_number\": 0, \"destination_flow_id\": 0}]}]}", "functions[0].output_connections[0].source", "input 1 does not exist: the function has 1 input(s)")]
    [InlineData("{\"functions\": [{\"function_id\": 0, \"flow_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"source\": {\"Outpt\": \"/a\"}, \"destination_id\": 0, \"destination_io_number\": 0, \"destination_flow_id\": 0}]}]}", "functions[0].output_connections[0].source", "expected {\"Output\": \"/route\"} or {\"Input\": index}")]
    [InlineData("{\"functions\": [], \"lib_references\": [1]}", "lib_references[0]", "expected a string, found number 1")]
    [InlineData("{\"functions\": [], \"source_urls\": [[\"a\"]]}", "source_urls[0]", "expected a pair of strings [url, resolved_url]")]
    [InlineData("{\"functions\": [], \"metadata\": {\"name\": 5}}", "metadata.name", "expected a string, found number 5")]
    // 1.0 dialect.
    [InlineData("{\"functions\": {\"x\": {}}}", "functions.\"x\"", "a function key must be a non-negative integer id")]
    [InlineData("{\"functions\": {\"3\": {\"process_id\": 4, \"parent_id\": 0, " + Stdout + "}}}", "functions.\"3\".process_id", "expected 3 (its key), found 4")]
    [InlineData("{\"functions\": {\"3\": {\"process_id\": 3, " + Stdout + "}}}", "functions.\"3\".parent_id", "missing")]
    [InlineData("{\"functions\": {\"3\": {\"process_id\": 3, \"parent_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 4, \"destination_io_number\": 0, \"destination_parent_id\": 0}]}}}", "functions.\"3\".output_connections[0].destination_id", "no function with process_id 4")]
    [InlineData("{\"functions\": {\"3\": {\"process_id\": 3, \"parent_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 3, \"destination_io_number\": 2, \"destination_parent_id\": 0}]}}}", "functions.\"3\".output_connections[0].destination_io_number", "input 2 does not exist: the destination function has 1 input(s)")]
    [InlineData("{\"functions\": {\"3\": {\"process_id\": 3, \"parent_id\": 0, " + Stdout + ", \"inputs\": [{}], \"output_connections\": [{\"destination_id\": 3, \"destination_io_number\": 0, \"destination_flow_id\": 0}]}}}", "functions.\"3\".output_connections[0].destination_parent_id", "missing")]
    public void Malformed_manifests_name_the_manifest_and_the_field(string json, string field, string problem)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(json, Path));
        Assert.Equal(Path, error.ManifestPath);
        Assert.Equal(field, error.Field);
        string expected = field.Length == 0 ? $"{Path}: {problem}" : $"{Path}: '{field}': {problem}";
        Assert.Equal(expected, error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Invalid_json_keeps_the_parse_error_as_inner_exception()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("{\"functions\": [,]}", Path));
        Assert.IsType<FormatException>(error.InnerException);
        Assert.Contains("byte 15", error.Message);
    }
}
