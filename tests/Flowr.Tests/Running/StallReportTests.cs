// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Running;

/// <summary>A flow that ends having printed nothing says which functions never ran and which inputs no value reached.</summary>
public sealed class StallReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flowr-stall-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string ArgsWarning =
        "flowr: warning: the flow ended without writing to stdout; 1 of 2 functions never ran: '/args/stdout' (no value reached '/args/stdout/default')\n";

    [Fact]
    public void A_flow_run_without_its_arguments_names_what_never_ran()
    {
        // examples/args prints its third argument; without arguments get/string/3 finds nothing.
        var result = FlowrProcess.Run([TestFlows.Example("args")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(ArgsWarning, result.Stderr);
    }

    [Fact]
    public void The_same_flow_with_its_arguments_says_nothing()
    {
        var result = FlowrProcess.Run([TestFlows.Example("args"), "a", "b", "c"]);

        Assert.Equal("c\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Metrics_list_what_never_ran_after_upstreams_lines()
    {
        var result = FlowrProcess.Run(["-m", TestFlows.Example("args")]);

        string[] lines = result.Stdout.Split('\n');
        int metrics = Array.IndexOf(lines, "Metrics: ");
        Assert.StartsWith("Max Jobs in Parallel: ", lines[metrics + 5], StringComparison.Ordinal);
        Assert.Equal("Functions that never ran: 1", lines[metrics + 6]);
        Assert.Equal("  '/args/stdout' (no value reached '/args/stdout/default')", lines[metrics + 7]);
        Assert.Equal(ArgsWarning, result.Stderr);
    }

    [Fact]
    public void Verbosity_info_lists_them_even_when_the_flow_printed()
    {
        string dir = Path.Combine(_dir, "half");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "root.toml"), """
            flow = "half"
            [[process]]
            source = "context://args/get"
            [[process]]
            alias = "first"
            source = "context://stdio/stdout"
            [[process]]
            alias = "ninth"
            source = "context://stdio/stdout"
            [[connection]]
            from = "get/string/1"
            to = "first"
            [[connection]]
            from = "get/string/9"
            to = "ninth"
            """);

        var result = FlowrProcess.Run(["-v", "info", dir, "one"]);

        Assert.Equal("one\n", result.Stdout);
        Assert.Contains("INFO - Never ran: '/half/ninth' (no value reached '/half/ninth/default')\n", result.Stderr);
        Assert.DoesNotContain("warning", result.Stderr);
    }

    [Fact]
    public void Many_functions_are_named_up_to_three_then_counted()
    {
        string dir = Path.Combine(_dir, "many");
        Directory.CreateDirectory(dir);
        var toml = new System.Text.StringBuilder("flow = \"many\"\n[[process]]\nsource = \"context://args/get\"\n");
        for (int i = 1; i <= 5; i++)
        {
            toml.Append($"[[process]]\nalias = \"out{i}\"\nsource = \"context://stdio/stdout\"\n");
            toml.Append($"[[connection]]\nfrom = \"get/string/{i}\"\nto = \"out{i}\"\n");
        }
        File.WriteAllText(Path.Combine(dir, "root.toml"), toml.ToString());

        var result = FlowrProcess.Run([dir]);

        Assert.Equal(
            "flowr: warning: the flow ended without writing to stdout; 5 of 6 functions never ran: " +
            "'/many/out1' (no value reached '/many/out1/default'); '/many/out2' (no value reached '/many/out2/default'); " +
            "'/many/out3' (no value reached '/many/out3/default'); and 2 more (-v info or -m lists them all)\n",
            result.Stderr);
    }

    [Fact]
    public void Verbosity_off_silences_the_warning()
    {
        var result = FlowrProcess.Run(["-v", "off", TestFlows.Example("args")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
    }
}
