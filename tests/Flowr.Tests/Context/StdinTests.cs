// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Context.ContextHarness;

namespace Flowr.Tests.Context;

public class StdinTests
{
    [Fact]
    public void Reads_all_of_stdin_trimmed()
    {
        var harness = new ContextHarness("  first line\nsecond line \n\n");
        JobOutcome outcome = harness.Run("stdio/stdin");
        Assert.True(outcome.HasOutput);
        Assert.True(outcome.RunAgain);
        Assert.Equal(Value.FromString("first line\nsecond line"), Member(outcome.Output, "string"));
        Assert.False(HasMember(outcome.Output, "json"));
    }

    [Theory]
    [InlineData("42\n", "42")]
    [InlineData(" [1, 2.5, \"x\"] ", "[1,2.5,\"x\"]")]
    [InlineData("{\"a\": null}", "{\"a\":null}")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    public void Valid_json_is_also_given_as_json(string input, string json)
    {
        var harness = new ContextHarness(input);
        JobOutcome outcome = harness.Run("stdio/stdin");
        Assert.Equal(Value.FromString(input.Trim()), Member(outcome.Output, "string"));
        Assert.Equal(Value.Parse(json), Member(outcome.Output, "json"));
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("1 2")]
    [InlineData("[1,")]
    public void Text_that_is_not_json_has_no_json_member(string input)
    {
        var harness = new ContextHarness(input);
        JobOutcome outcome = harness.Run("stdio/stdin");
        Assert.Equal(Value.FromString(input), Member(outcome.Output, "string"));
        Assert.False(HasMember(outcome.Output, "json"));
    }

    [Fact]
    public void End_of_input_gives_nulls_and_stops()
    {
        var harness = new ContextHarness("data");
        var stdin = harness.Create("stdio/stdin");
        Assert.True(stdin.Run([]).RunAgain);
        JobOutcome end = stdin.Run([]);
        Assert.True(end.HasOutput);
        Assert.False(end.RunAgain);
        Assert.Equal(Value.Null, Member(end.Output, "string"));
        Assert.Equal(Value.Null, Member(end.Output, "json"));
    }

    [Fact]
    public void Empty_stdin_ends_at_once()
    {
        var harness = new ContextHarness("");
        JobOutcome outcome = harness.Run("stdio/stdin");
        Assert.False(outcome.RunAgain);
        Assert.Equal(Value.Null, Member(outcome.Output, "string"));
    }

    [Fact]
    public void Whitespace_only_stdin_gives_an_empty_string()
    {
        var harness = new ContextHarness(" \n\t\n");
        JobOutcome outcome = harness.Run("stdio/stdin");
        Assert.True(outcome.RunAgain);
        Assert.Equal(Value.FromString(""), Member(outcome.Output, "string"));
        Assert.False(HasMember(outcome.Output, "json"));
    }

    [Fact]
    public void Input_larger_than_the_buffer_is_read_whole()
    {
        string text = string.Concat(Enumerable.Repeat("line of text ✓\n", 2000)).Trim();
        var harness = new ContextHarness(text);
        Assert.Equal(Value.FromString(text), Member(harness.Run("stdio/stdin").Output, "string"));
    }

    [Fact]
    public void Invalid_utf8_is_replaced()
    {
        var services = new Flowr.Context.ContextServices(["flow"], new MemoryStream([0x61, 0xFF, 0x62]), new MemoryStream(), new MemoryStream());
        Assert.True(services.TryCreate("context://stdio/stdin", out var stdin));
        Assert.Equal(Value.FromString("a\uFFFDb"), Member(stdin.Run([]).Output, "string"));
    }
}
