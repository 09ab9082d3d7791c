// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/array_set</c> (1.0): a copy of <c>array</c> with the element at <c>index</c> replaced by
/// <c>value</c>; an out-of-bounds index leaves it unchanged. A non-array, or an index that is not a
/// non-negative integer, is an error.
/// </summary>
internal sealed class ArraySet : IFunctionImplementation
{
    public static readonly ArraySet Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value array = inputs[0];
        if (!array.IsArray) return JobOutcome.Fail("Could not get array as array");
        if (!inputs[1].TryGetUInt64(out ulong index)) return JobOutcome.Fail("Could not get index as u64");
        if (index >= (ulong)array.ArrayLength) return JobOutcome.Ok(array);
        var copy = array.ArrayItems.ToArray();
        copy[(int)index] = inputs[2];
        return JobOutcome.Ok(Value.FromArray(copy));
    }
}
