// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/sort</c>: the numbers in ascending order (stable; integers compared exactly, floats by
/// value). Null gives null, as upstream. Project choices: a non-array, or an array holding a
/// non-number, is an error (upstream sorts non-integers as if they were 0).
/// </summary>
internal sealed class Sort : IFunctionImplementation
{
    public static readonly Sort Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value input = inputs[0];
        if (input.IsNull) return JobOutcome.Ok(Value.Null);
        if (!input.IsArray) return JobOutcome.Fail("Could not get array");

        var items = input.ArrayItems;
        foreach (var item in items)
        {
            if (!item.IsNumber) return JobOutcome.Fail($"Cannot sort the non-number {item}");
        }
        var sorted = items.ToArray();
        // Array.Sort is not stable: order by (value, original position).
        var positions = new int[sorted.Length];
        for (int i = 0; i < positions.Length; i++) positions[i] = i;
        Array.Sort(positions, (a, b) =>
        {
            int c = LibValues.CompareNumbers(sorted[a], sorted[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new Value[sorted.Length];
        for (int i = 0; i < result.Length; i++) result[i] = sorted[positions[i]];
        return JobOutcome.Ok(Value.FromArray(result));
    }
}
