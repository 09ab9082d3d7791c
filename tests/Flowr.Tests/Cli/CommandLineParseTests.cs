// Copyright (c) flowr contributors. MIT licence.
using Flowr.Cli;
using Flowr.Runtime.Logging;

namespace Flowr.Tests.Cli;

/// <summary>The hand-written command-line parser, in process.</summary>
public sealed class CommandLineParseTests
{
    private static RunnerOptions Parse(params string[] args)
    {
        var options = CommandLine.Parse(args, out string? message, out int exitCode);
        Assert.True(options is not null, $"exit {exitCode}: {message}");
        return options;
    }

    private static (string Message, int ExitCode) Refused(params string[] args)
    {
        Assert.Null(CommandLine.Parse(args, out string? message, out int exitCode));
        return (message!, exitCode);
    }

    [Fact]
    public void Every_option_is_read()
    {
        var options = Parse("-t", "3", "--jobs", "7", "-c", "--graph", "-m", "-v", "info", "-L", "a", "--libdir=b", "-n", "--no-optimize",
            "--remote", "--executor-timeout", "5", "--wait-executors", "2", "--no-progress", "flow", "x");
        Assert.Equal(3, options.Threads);
        Assert.Equal(7, options.MaxJobs);
        Assert.True(options.CompileOnly);
        Assert.True(options.Graph);
        Assert.False(options.GraphExpand);
        Assert.True(options.Metrics);
        Assert.Equal(LogLevel.Info, options.Verbosity);
        Assert.Equal(["a", "b"], options.LibDirs);
        Assert.True(options.KeepDeadCode);
        Assert.True(options.Remote);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ExecutorTimeout);
        Assert.Equal(2, options.WaitExecutors);
        Assert.False(options.Progress);
        Assert.Equal("flow", options.Flow);
        Assert.Equal(["x"], options.FlowArgs);
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_given()
    {
        var options = Parse();
        Assert.Equal(".", options.Flow);
        Assert.Empty(options.FlowArgs);
        Assert.Equal(Environment.ProcessorCount, options.Threads);
        Assert.Equal(LogLevel.Error, options.Verbosity);
        Assert.Null(options.Progress);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ExecutorTimeout);
    }

    [Theory]
    [InlineData("-t4")]
    [InlineData("-t=4")]
    [InlineData("--threads=4")]
    public void Values_may_be_attached(string option) => Assert.Equal(4, Parse(option, "f").Threads);

    [Fact]
    public void Short_flags_may_be_bundled_with_a_valued_option_last()
    {
        var options = Parse("-cmt", "2", "f");
        Assert.True(options.CompileOnly);
        Assert.True(options.Metrics);
        Assert.Equal(2, options.Threads);
    }

    [Fact]
    public void Graph_expand_implies_graph() => Assert.True(Parse("--graph-expand", "f") is { Graph: true, GraphExpand: true });

    [Fact]
    public void Everything_after_the_flow_goes_to_the_flow_untouched()
    {
        var options = Parse("-m", "flow", "-t", "abc", "--bogus", "--", "-v");
        Assert.Equal("flow", options.Flow);
        Assert.Equal(["-t", "abc", "--bogus", "--", "-v"], options.FlowArgs);
    }

    [Fact]
    public void A_double_dash_ends_the_options_so_a_flow_may_start_with_a_dash()
    {
        var options = Parse("-m", "--", "-odd-flow", "--x");
        Assert.Equal("-odd-flow", options.Flow);
        Assert.Equal(["--x"], options.FlowArgs);
    }

    [Theory]
    [InlineData("-t", "abc", "flowr: invalid value 'abc' for -t: expected a whole number of threads, 0 or more")]
    [InlineData("--threads", "-1", "flowr: invalid value '-1' for --threads: expected a whole number of threads, 0 or more")]
    [InlineData("-j", "1.5", "flowr: invalid value '1.5' for -j: expected a whole number of jobs, 0 or more (0: no limit)")]
    [InlineData("-v", "loud", "flowr: invalid value 'loud' for -v: expected one of trace, debug, info, warn, error, off")]
    [InlineData("--executor-timeout", "0", "flowr: invalid value '0' for --executor-timeout: expected a whole number of seconds, 1 or more")]
    public void A_bad_value_gives_one_line_and_a_hint(string option, string value, string expected)
    {
        var (message, exitCode) = Refused(option, value, "flow");
        Assert.Equal(1, exitCode);
        Assert.Equal($"{expected}\nTry 'flowr --help' for the options.\n", message);
    }

    [Fact]
    public void A_missing_value_is_named()
    {
        var (message, exitCode) = Refused("-t");
        Assert.Equal(1, exitCode);
        Assert.StartsWith("flowr: -t needs a value\n", message);
    }

    [Theory]
    [InlineData("--bogus", "flowr: unknown option '--bogus'")]
    [InlineData("--metrcs", "flowr: unknown option '--metrcs' (did you mean '--metrics'?)")]
    [InlineData("--thread", "flowr: unknown option '--thread' (did you mean '--threads'?)")]
    [InlineData("-x", "flowr: unknown option '-x'")]
    [InlineData("-mx", "flowr: unknown option '-x' in '-mx'")]
    [InlineData("--compile=yes", "flowr: --compile takes no value")]
    public void An_unknown_option_before_the_flow_is_an_error_not_a_flow_path(string option, string expected)
    {
        var (message, exitCode) = Refused(option, "flow");
        Assert.Equal(1, exitCode);
        Assert.Equal($"{expected}\nTry 'flowr --help' for the options.\n", message);
    }

    [Fact]
    public void Help_names_every_option_the_parser_knows()
    {
        var (help, exitCode) = Refused("--help");
        Assert.Equal(0, exitCode);
        foreach (string option in CommandLine.LongNames) Assert.Contains(option, help);
        Assert.Equal(help, Refused("-h").Message);
    }

    [Fact]
    public void Version_is_the_one_set_for_the_build()
    {
        var (version, exitCode) = Refused("--version");
        Assert.Equal(0, exitCode);
        Assert.Equal($"flowr {BuildInfo.Version}\n", version);
        Assert.Matches(@"^\d+\.\d+\.\d+$", BuildInfo.Version);
        Assert.Equal(version, Refused("-V").Message);
    }
}
