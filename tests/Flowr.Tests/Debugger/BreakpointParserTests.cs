// Copyright (c) flowr contributors. MIT licence.
using Flowr.Debugger;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Model;
using static Flowr.Tests.Debugger.DebugFlow;

namespace Flowr.Tests.Debugger;

/// <summary>Breakpoint specs resolved against a flow with a sub-flow and two functions of one name.</summary>
public class BreakpointParserTests
{
    private static readonly FlowNames Names = BuildNames();

    // #0 /top/source (output parts /sum, /sum/0, /count) → #1 /top/left/add and #2 /top/right/add (inputs a, b);
    // #1 passes its input b on to #3 /top/print (one unnamed input).
    private static FlowNames BuildNames()
    {
        var flow = new DebugFlow();
        int source = flow.Add("/top/source", _ => JobOutcome.NoOutput(), inputs: [("start", Once(0L))]);
        int left = flow.Add("/top/left/add", _ => JobOutcome.NoOutput(), flow: 1, inputs: [("a", null), ("b", null)]);
        int right = flow.Add("/top/right/add", _ => JobOutcome.NoOutput(), flow: 2, inputs: [("a", null), ("b", null)]);
        int print = flow.Add("/top/print", _ => JobOutcome.NoOutput(), inputs: [("", null)]);
        flow.Connect(source, left, 0, pointer: "/sum");
        flow.Connect(source, right, 0, pointer: "/sum/0");
        flow.Connect(source, right, 1, pointer: "/count");
        flow.Connect(left, print);
        flow.Connect(left, print, fromInput: 1);
        return new FlowNames(flow.Functions);
    }

    // Expected breakpoints as their record text: the test data of a public theory cannot be an internal type.
    public static TheoryData<string, string> Valid() => new()
    {
        { "0", new Breakpoint.OnFunction(0).ToString() },
        { "/top/source", new Breakpoint.OnFunction(0).ToString() },
        { "source", new Breakpoint.OnFunction(0).ToString() },
        { "left/add", new Breakpoint.OnFunction(1).ToString() },
        { "/top/right/add", new Breakpoint.OnFunction(2).ToString() },
        { "print", new Breakpoint.OnFunction(3).ToString() },
        { "source/", new Breakpoint.OnOutput(0, "").ToString() },
        { "0/", new Breakpoint.OnOutput(0, "").ToString() },
        { "/top/source/sum", new Breakpoint.OnOutput(0, "/sum").ToString() },
        { "source/sum/0", new Breakpoint.OnOutput(0, "/sum/0").ToString() },
        { "0/count", new Breakpoint.OnOutput(0, "/count").ToString() },
        { "left/add/b", new Breakpoint.OnOutput(1, "", 1).ToString() },
        { "left/add:b", new Breakpoint.OnInput(1, 1).ToString() },
        { "1:0", new Breakpoint.OnInput(1, 0).ToString() },
        { "/top/right/add:a", new Breakpoint.OnInput(2, 0).ToString() },
        { "print:default", new Breakpoint.OnInput(3, 0).ToString() },
        { "source->left/add", new Breakpoint.OnBlock(0, 1).ToString() },
        { "0->*", new Breakpoint.OnBlock(0, null).ToString() },
        { "* -> right/add", new Breakpoint.OnBlock(null, 2).ToString() },
        { "error", new Breakpoint.OnError().ToString() },
        { "idle", new Breakpoint.OnFlowIdle(null).ToString() },
        { "idle *", new Breakpoint.OnFlowIdle(null).ToString() },
        { "idle 1", new Breakpoint.OnFlowIdle(1).ToString() },
        { "idle /top/right", new Breakpoint.OnFlowIdle(2).ToString() },
        { "idle left", new Breakpoint.OnFlowIdle(1).ToString() },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Each_spec_form_resolves_to_its_breakpoint(string spec, string expected)
    {
        Assert.True(BreakpointParser.TryParse(spec, Names, out var breakpoint, out string? error), error);
        Assert.Equal(expected, breakpoint!.ToString());
    }

    [Theory]
    [InlineData("add", "'add' could be any of #1 /top/left/add, #2 /top/right/add: give the route or the id")]
    [InlineData("7", "There is no function #7: ids go from 0 to 3 ('f' lists them)")]
    [InlineData("nothing", "No function is called 'nothing' ('f' lists the functions)")]
    [InlineData("left/add:c", "#1 /top/left/add has no input 'c'; its inputs are a, b")]
    [InlineData("source/total", "#0 /top/source sends nothing from 'total'; it sends from sum, sum/0, count")]
    [InlineData("right/add/", "#2 /top/right/add sends nothing anywhere")]
    [InlineData("source->nothing", "No function is called 'nothing' ('f' lists the functions)")]
    [InlineData("idle middle", "No flow is called 'middle'; the flows are #0 /top, #1 /top/left, #2 /top/right")]
    [InlineData("*", "To break before every job, step with 's'")]
    public void Bad_specs_say_what_exists(string spec, string message)
    {
        Assert.False(BreakpointParser.TryParse(spec, Names, out _, out string? error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "/sum/0", true)]
    [InlineData("/sum", "/sum", true)]
    [InlineData("/sum", "/sum/0", true)]
    [InlineData("/sum", "/summary", false)]
    [InlineData("/sum/0", "/sum", false)]
    public void An_output_breakpoint_covers_its_output_and_the_parts_of_it(string output, string pointer, bool covered)
    {
        Assert.Equal(covered, new Breakpoint.OnOutput(0, output).Matches(0, ConnectionSource.FromOutput(pointer)));
    }

    [Fact]
    public void An_output_breakpoint_on_a_passed_on_input_matches_only_that_input()
    {
        var breakpoint = new Breakpoint.OnOutput(1, "", 1);

        Assert.True(breakpoint.Matches(1, ConnectionSource.FromInput(1)));
        Assert.False(breakpoint.Matches(1, ConnectionSource.FromInput(0)));
        Assert.False(breakpoint.Matches(1, ConnectionSource.WholeOutput));
        Assert.False(breakpoint.Matches(2, ConnectionSource.FromInput(1)));
    }
}
