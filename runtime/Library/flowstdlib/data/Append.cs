// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary><c>data/append</c> (0.142): concatenates two strings; a non-string input is an error.</summary>
internal sealed class Append : IFunctionImplementation
{
    public static readonly Append Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].TryGetString(out string? s1)) return JobOutcome.Fail("Could not get s1");
        if (!inputs[1].TryGetString(out string? s2)) return JobOutcome.Fail("Could not get s2");
        return JobOutcome.Ok(Value.FromString(string.Concat(s1, s2)));
    }
}
