// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

public sealed class FmtFunctionTests
{
    [Theory]
    [InlineData("\"Hello\"", """{"reversed":"olleH"}""")]
    [InlineData("\"\"", """{"reversed":""}""")]
    [InlineData("\"a😀b\"", """{"reversed":"b😀a"}""")]
    public void Reverse_reverses_by_character(string input, string output) => Assert.Equal(output, Lib.Output("fmt/reverse", input));

    [Fact]
    public void Reverse_of_a_non_string_is_an_error() => Lib.Error("fmt/reverse", "42");

    [Theory]
    [InlineData("\"42\"", "42")]
    [InlineData("\"[1,2]\"", "[1,2]")]
    [InlineData("\"{\\\"a\\\":1}\"", """{"a":1}""")]
    [InlineData("\"-1.20,0.35\"", "\"-1.20,0.35\"")]
    [InlineData("\"abc\"", "\"abc\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("null", "null")]
    [InlineData("7", "7")]
    [InlineData("[true]", "[true]")]
    public void To_json_parses_strings_and_passes_everything_else(string input, string output) =>
        Assert.Equal(output, Lib.Output("fmt/to_json", input));

    [Theory]
    [InlineData("\"Hello\"", "\"\\\"Hello\\\"\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("42", "\"42\"")]
    [InlineData("2.0", "\"2.0\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("""{"b":1,"a":[1,2.5]}""", "\"{\\\"a\\\":[1,2.5],\\\"b\\\":1}\"")]
    public void To_string_gives_compact_json_text(string input, string output) =>
        Assert.Equal(output, Lib.Output("fmt/to_string", input));
}
