// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/array_get</c> (1.0): <c>value</c> is the element at <c>index</c> (null when out of bounds)
/// and <c>array</c> passes the array through for loopback. A non-array, or an index that is not a
/// non-negative integer, is an error.
/// </summary>
internal sealed class ArrayGet : IFunctionImplementation
{
    public static readonly ArrayGet Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value array = inputs[0];
        if (!array.IsArray) return JobOutcome.Fail("Could not get array as array");
        if (!inputs[1].TryGetUInt64(out ulong index)) return JobOutcome.Fail("Could not get index as u64");
        var items = array.ArrayItems;
        Value value = index < (ulong)items.Length ? items[(int)index] : Value.Null;
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("array", array),
            LibValues.Member("value", value)));
    }
}
