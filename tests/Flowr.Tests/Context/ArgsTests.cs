// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Context.ContextHarness;

namespace Flowr.Tests.Context;

public class ArgsTests
{
    [Fact]
    public void Gives_the_arguments_as_strings_and_as_json()
    {
        var harness = new ContextHarness("", null, "file:///flows/args/root.toml", "48", "abc", "[10,20]", "-1.5", "{\"a\":1}", "");
        JobOutcome outcome = harness.Run("args/get");
        Assert.False(outcome.RunAgain);
        Assert.Equal(
            Value.Parse("[\"file:///flows/args/root.toml\",\"48\",\"abc\",\"[10,20]\",\"-1.5\",\"{\\\"a\\\":1}\",\"\"]"),
            Member(outcome.Output, "string"));
        Assert.Equal(
            Value.Parse("[\"file:///flows/args/root.toml\",48,\"abc\",[10,20],-1.5,{\"a\":1},\"\"]"),
            Member(outcome.Output, "json"));
    }

    [Fact]
    public void A_number_argument_parses_as_a_number()
    {
        var harness = new ContextHarness("", null, "flow", "48", "abc");
        Value json = Member(harness.Run("args/get").Output, "json");
        Assert.Equal(Value.FromInt64(48), json.ArrayItems[1]);
        Assert.Equal(Value.FromString("abc"), json.ArrayItems[2]);
    }

    [Fact]
    public void Only_the_flow_url_gives_one_element_arrays()
    {
        var harness = new ContextHarness("", null, "flow");
        JobOutcome outcome = harness.Run("args/get");
        Assert.Equal(1, Member(outcome.Output, "string").ArrayLength);
        Assert.Equal(1, Member(outcome.Output, "json").ArrayLength);
    }
}
