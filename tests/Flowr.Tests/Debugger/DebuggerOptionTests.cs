// Copyright (c) flowr contributors. MIT licence.
using Flowr.Cli;

namespace Flowr.Tests.Debugger;

/// <summary>flowr's <c>-d</c> / <c>--debugger</c> option on the command line.</summary>
public sealed class DebuggerOptionTests
{
    [Theory]
    [InlineData("-d")]
    [InlineData("--debugger")]
    [InlineData("-md")]
    public void The_option_before_the_flow_runs_it_under_the_debugger(string option)
    {
        var options = CommandLine.Parse([option, "flow", "x"], out string? message, out int exitCode);

        Assert.True(options is not null, $"exit {exitCode}: {message}");
        Assert.True(options.Debugger);
        Assert.Equal("flow", options.Flow);
        Assert.Equal(["x"], options.FlowArgs);
    }

    [Fact]
    public void Without_it_or_after_the_flow_there_is_no_debugger()
    {
        var options = CommandLine.Parse(["flow", "-d"], out _, out _);

        Assert.NotNull(options);
        Assert.False(options.Debugger);
        Assert.Equal(["-d"], options.FlowArgs);
    }

    [Fact]
    public void Help_lists_it()
    {
        Assert.Null(CommandLine.Parse(["--help"], out string? help, out _));

        Assert.Contains("-d, --debugger ", help, StringComparison.Ordinal);
    }

    [Fact]
    public void It_takes_no_value()
    {
        Assert.Null(CommandLine.Parse(["--debugger=yes", "flow"], out string? message, out int exitCode));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("flowr: --debugger takes no value\n", message, StringComparison.Ordinal);
    }
}
