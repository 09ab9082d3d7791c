// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary><c>data/enumerate</c>: <c>["a","b"]</c> → <c>[[0,"a"],[1,"b"]]</c>; <c>[]</c> → <c>[]</c>; a non-array is an error.</summary>
internal sealed class Enumerate : IFunctionImplementation
{
    public static readonly Enumerate Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get array");
        var items = inputs[0].ArrayItems;
        var pairs = new Value[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            pairs[i] = Value.FromArray([Value.FromInt64(i), items[i]]);
        }
        return JobOutcome.Ok(Value.FromArray(pairs));
    }
}
