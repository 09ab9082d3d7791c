// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Context.ContextHarness;

namespace Flowr.Tests.Context;

public class ReadlineTests
{
    [Fact]
    public void Reads_one_trimmed_line_per_job()
    {
        var harness = new ContextHarness("  hello world \r\nsecond\n");
        var readline = harness.Create("stdio/readline");
        JobOutcome first = readline.Run([Value.FromString("")]);
        JobOutcome second = readline.Run([Value.FromString("")]);
        Assert.Equal(Value.FromString("hello world"), Member(first.Output, "string"));
        Assert.False(HasMember(first.Output, "json"));
        Assert.True(first.RunAgain);
        Assert.Equal(Value.FromString("second"), Member(second.Output, "string"));
    }

    [Fact]
    public void Prompt_is_written_without_a_newline_before_reading()
    {
        var harness = new ContextHarness("x\n");
        harness.Run("stdio/readline", Value.FromString("Enter> "));
        Assert.Equal("Enter> ", harness.StdoutText);
    }

    [Fact]
    public void Empty_prompt_writes_nothing()
    {
        var harness = new ContextHarness("x\n");
        harness.Run("stdio/readline", Value.FromString(""));
        Assert.Equal(0, harness.Stdout.Length);
    }

    [Fact]
    public void Prompts_and_printed_lines_interleave_in_job_order()
    {
        var harness = new ContextHarness("1\n2\n");
        var readline = harness.Create("stdio/readline");
        var stdout = harness.Create("stdio/stdout");
        stdout.Run([readline.Run([Value.FromString("? ")]).Output]);
        readline.Run([Value.FromString("? ")]);
        Assert.Equal("? {\"json\":1,\"string\":\"1\"}\n? ", harness.StdoutText);
    }

    [Fact]
    public void A_json_line_is_also_given_as_json()
    {
        var harness = new ContextHarness("[1, 2]\n\"text\"\n");
        var readline = harness.Create("stdio/readline");
        Assert.Equal(Value.Parse("[1,2]"), Member(readline.Run([Value.FromString("")]).Output, "json"));
        Assert.Equal(Value.FromString("text"), Member(readline.Run([Value.FromString("")]).Output, "json"));
    }

    [Fact]
    public void An_empty_line_gives_an_empty_string()
    {
        var harness = new ContextHarness("\nlast");
        var readline = harness.Create("stdio/readline");
        JobOutcome empty = readline.Run([Value.FromString("")]);
        Assert.True(empty.HasOutput);
        Assert.Equal(Value.FromObject(new KeyValuePair<string, Value>("string", Value.FromString(""))), empty.Output);
        Assert.Equal(Value.FromString("last"), Member(readline.Run([Value.FromString("")]).Output, "string"));
    }

    [Fact]
    public void End_of_input_gives_no_output_and_stops()
    {
        var harness = new ContextHarness("only\n");
        var readline = harness.Create("stdio/readline");
        Assert.True(readline.Run([Value.FromString("")]).HasOutput);
        JobOutcome end = readline.Run([Value.FromString("")]);
        Assert.False(end.HasOutput);
        Assert.False(end.RunAgain);
        Assert.False(end.IsError);
    }

    [Fact]
    public void Long_lines_span_several_reads()
    {
        string line = new('a', 20_000);
        var harness = new ContextHarness(line + "\nnext\n");
        var readline = harness.Create("stdio/readline");
        Assert.Equal(Value.FromString(line), Member(readline.Run([Value.FromString("")]).Output, "string"));
        Assert.Equal(Value.FromString("next"), Member(readline.Run([Value.FromString("")]).Output, "string"));
    }

    [Fact]
    public void Stdin_after_readline_gets_the_rest()
    {
        var harness = new ContextHarness("first\nrest of\ninput\n");
        harness.Run("stdio/readline", Value.FromString(""));
        Assert.Equal(Value.FromString("rest of\ninput"), Member(harness.Run("stdio/stdin").Output, "string"));
    }
}
