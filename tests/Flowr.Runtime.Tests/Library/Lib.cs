// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Library;

/// <summary>Runs built-in library functions by location, with inputs and expectations written as JSON text.</summary>
internal static class Lib
{
    public static JobOutcome Run(string function, params string[] jsonInputs)
    {
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/" + function, out var implementation), function);
        var inputs = jsonInputs.Select(ValueJson.Parse).ToArray();
        return implementation.Run(inputs);
    }

    /// <summary>Runs and returns the output as compact JSON; fails when the job had no output or failed.</summary>
    public static string Output(string function, params string[] jsonInputs)
    {
        var outcome = Run(function, jsonInputs);
        Assert.Null(outcome.Error);
        Assert.True(outcome.HasOutput, $"{function} produced no output");
        Assert.True(outcome.RunAgain);
        return ValueJson.ToCompactString(outcome.Output);
    }

    /// <summary>Asserts that the job produced no output and no error.</summary>
    public static void NoOutput(string function, params string[] jsonInputs)
    {
        var outcome = Run(function, jsonInputs);
        Assert.Null(outcome.Error);
        Assert.False(outcome.HasOutput, $"{function} produced {outcome.Output}");
        Assert.True(outcome.RunAgain);
    }

    /// <summary>Asserts that the job failed and returns the error message.</summary>
    public static string Error(string function, params string[] jsonInputs)
    {
        var outcome = Run(function, jsonInputs);
        Assert.True(outcome.IsError, $"{function} did not fail");
        Assert.False(outcome.HasOutput);
        return outcome.Error!;
    }
}
