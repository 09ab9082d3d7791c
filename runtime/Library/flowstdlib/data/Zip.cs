// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary><c>data/zip</c>: pairs <c>[l, r]</c> up to the shorter array's length; a non-array input is an error.</summary>
internal sealed class Zip : IFunctionImplementation
{
    public static readonly Zip Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get left array");
        if (!inputs[1].IsArray) return JobOutcome.Fail("Could not get right array");
        var left = inputs[0].ArrayItems;
        var right = inputs[1].ArrayItems;
        var pairs = new Value[int.Min(left.Length, right.Length)];
        for (int i = 0; i < pairs.Length; i++) pairs[i] = Value.FromArray([left[i], right[i]]);
        return JobOutcome.Ok(Value.FromArray(pairs));
    }
}
