// Copyright (c) flowr contributors. MIT licence.
using Flowr.Running;

namespace Flowr.Tests.Running;

public sealed class FlowArgumentsTests
{
    [Fact]
    public void The_flow_url_comes_first_then_the_given_arguments()
    {
        var arguments = new FlowArguments("some dir/root.toml", ["a", "b c"]);

        string url = new Uri(Path.GetFullPath("some dir/root.toml")).AbsoluteUri;
        Assert.Equal(3, arguments.Count);
        Assert.Equal(url, arguments[0]);
        Assert.StartsWith("file:///", url);
        Assert.Contains("some%20dir/root.toml", url);
        Assert.Equal("b c", arguments[2]);
        Assert.Equal([url, "a", "b c"], arguments.ToList());
    }

    [Fact]
    public void Without_arguments_there_is_the_url_alone()
    {
        var arguments = new FlowArguments("/flows/x.toml", []);

        Assert.Equal(["file:///flows/x.toml"], arguments.ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => arguments[1]);
    }
}
