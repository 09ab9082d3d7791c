// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/remove</c>: the array without every element equal to <c>value</c> (JSON equality, so
/// <c>2 != 2.0</c>); a non-array <c>array</c> input passes through unchanged.
/// </summary>
internal sealed class Remove : IFunctionImplementation
{
    public static readonly Remove Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value value = inputs[0], array = inputs[1];
        if (!array.IsArray) return JobOutcome.Ok(array);

        var items = array.ArrayItems;
        int kept = 0;
        foreach (var item in items) if (item != value) kept++;
        if (kept == items.Length) return JobOutcome.Ok(array);

        var result = new Value[kept];
        int next = 0;
        foreach (var item in items) if (item != value) result[next++] = item;
        return JobOutcome.Ok(Value.FromArray(result));
    }
}
