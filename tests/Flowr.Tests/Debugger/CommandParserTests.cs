// Copyright (c) flowr contributors. MIT licence.
using Flowr.Debugger;

namespace Flowr.Tests.Debugger;

/// <summary>Prompt lines to commands: every command by its short and long forms, arguments, and errors.</summary>
public class CommandParserTests
{
    [Theory]
    [InlineData("b add", nameof(CommandKind.Break), "add")]
    [InlineData("break /fib/add", nameof(CommandKind.Break), "/fib/add")]
    [InlineData("breakpoint  add:i1 ", nameof(CommandKind.Break), "add:i1")]
    [InlineData("c", nameof(CommandKind.Continue), "")]
    [InlineData("continue", nameof(CommandKind.Continue), "")]
    [InlineData("d *", nameof(CommandKind.Delete), "*")]
    [InlineData("delete add/", nameof(CommandKind.Delete), "add/")]
    [InlineData("e", nameof(CommandKind.Exit), "")]
    [InlineData("exit", nameof(CommandKind.Exit), "")]
    [InlineData("q", nameof(CommandKind.Exit), "")]
    [InlineData("quit", nameof(CommandKind.Exit), "")]
    [InlineData("f", nameof(CommandKind.Functions), "")]
    [InlineData("functions", nameof(CommandKind.Functions), "")]
    [InlineData("h", nameof(CommandKind.Help), "")]
    [InlineData("help", nameof(CommandKind.Help), "")]
    [InlineData("?", nameof(CommandKind.Help), "")]
    [InlineData("i", nameof(CommandKind.Validate), "")]
    [InlineData("inspect", nameof(CommandKind.Validate), "")]
    [InlineData("v", nameof(CommandKind.Validate), "")]
    [InlineData("validate", nameof(CommandKind.Validate), "")]
    [InlineData("i 3", nameof(CommandKind.Print), "3")]
    [InlineData("l", nameof(CommandKind.List), "")]
    [InlineData("list", nameof(CommandKind.List), "")]
    [InlineData("m jobs=1 order=random", nameof(CommandKind.Modify), "jobs=1 order=random")]
    [InlineData("modify", nameof(CommandKind.Modify), "")]
    [InlineData("p", nameof(CommandKind.Print), "")]
    [InlineData("print add", nameof(CommandKind.Print), "add")]
    [InlineData("p *", nameof(CommandKind.Print), "*")]
    [InlineData("r", nameof(CommandKind.Run), "")]
    [InlineData("run", nameof(CommandKind.Run), "")]
    [InlineData("reset", nameof(CommandKind.Run), "")]
    [InlineData("s", nameof(CommandKind.Step), "")]
    [InlineData("step", nameof(CommandKind.Step), "")]
    [InlineData("\tb\tadd\t", nameof(CommandKind.Break), "add")]
    public void Each_command_is_known_by_its_short_and_long_names(string line, string kind, string argument)
    {
        var command = CommandParser.Parse(line, out string? error);

        Assert.Null(error);
        Assert.NotNull(command);
        Assert.Equal(kind, command.Kind.ToString());
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("s", 1)]
    [InlineData("s 1", 1)]
    [InlineData("step 12", 12)]
    public void Step_takes_an_optional_count(string line, int count)
    {
        Assert.Equal(count, CommandParser.Parse(line, out _)!.Count);
    }

    [Theory]
    [InlineData("s 0", "'s' takes a number of jobs of at least 1, not '0'")]
    [InlineData("step -2", "'step' takes a number of jobs of at least 1, not '-2'")]
    [InlineData("s two", "'s' takes a number of jobs of at least 1, not 'two'")]
    [InlineData("b", "'b' needs a breakpoint spec: b SPEC ('h' shows the forms)")]
    [InlineData("delete", "'delete' needs a breakpoint spec: d SPEC | * ('h' shows the forms)")]
    [InlineData("c now", "'c' takes no argument")]
    [InlineData("quit 1", "'quit' takes no argument")]
    [InlineData("go", "Unknown command 'go': 'h' lists the commands")]
    [InlineData("B add", "Unknown command 'B': 'h' lists the commands")]
    public void Bad_lines_say_what_is_wrong(string line, string message)
    {
        Assert.Null(CommandParser.Parse(line, out string? error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_line_is_no_command_and_no_error(string line)
    {
        Assert.Null(CommandParser.Parse(line, out string? error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("s", true)]
    [InlineData("c", true)]
    [InlineData("p", true)]
    [InlineData("l", true)]
    [InlineData("v", true)]
    [InlineData("f", true)]
    [InlineData("b add", false)]
    [InlineData("d *", false)]
    [InlineData("r", false)]
    [InlineData("q", false)]
    [InlineData("m jobs=1", false)]
    public void Only_commands_that_move_on_or_show_are_repeated_by_an_empty_line(string line, bool repeatable)
    {
        Assert.Equal(repeatable, CommandParser.Parse(line, out _)!.Repeatable);
    }

    [Fact]
    public void Help_lists_every_command_word_and_every_spec_form()
    {
        string help = CommandParser.HelpText();

        foreach (var command in CommandParser.Commands)
        {
            Assert.Contains(string.Join(", ", [command.Short, .. command.Long]), help, StringComparison.Ordinal);
        }
        foreach (string form in (string[])["FUNCTION/OUTPUT", "FUNCTION:INPUT", "FUNCTION->FUNCTION", "error", "idle [FLOW | *]"])
        {
            Assert.Contains(form, help, StringComparison.Ordinal);
        }
    }
}
