// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Tests.Examples;

/// <summary>Every example under examples/, run with the native flowr three ways.</summary>
public class ExamplesTests
{
    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in ExampleCase.Names())
        {
            data.Add(name, "");
            data.Add(name, "-t 1");
            data.Add(name, "-j 1");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Example_output_matches_its_expectation(string example, string options)
    {
        var testCase = ExampleCase.Load(example);
        try
        {
            var result = testCase.Run(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            string? failure = testCase.Verify(result);
            Assert.True(failure is null, $"{example} {options}: {failure}");
        }
        finally
        {
            testCase.DeleteOutputFile();
        }
    }

    [Fact]
    public void The_fibonacci_metrics_are_upstreams()
    {
        var result = ExampleCase.Load("fibonacci").Run("-m");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Stdout.Split('\n');
        int metrics = Array.IndexOf(lines, "Metrics: ");
        Assert.True(metrics > 0, result.Stdout);
        Assert.Equal("", lines[metrics - 1]);
        Assert.Equal(" Number of Functions: 2", lines[metrics + 1]);
        Assert.Equal("Number of Jobs Created: 183", lines[metrics + 2]);
        Assert.Equal("Values sent: 274", lines[metrics + 3]);
        Assert.Matches(@"^Elapsed time\(s\): \d+\.\d{6}$", lines[metrics + 4]);
        Assert.Matches(@"^Max Jobs in Parallel: \d+$", lines[metrics + 5]);
    }
}
