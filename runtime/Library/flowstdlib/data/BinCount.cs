// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/bin_count</c> (1.0): counts occurrences of integer values in the <c>partial</c> bins array.
/// A value increments bin[value] (an out-of-range value is ignored) and emits <c>partial</c>; null
/// (end of stream) emits the bins on <c>bins</c>. A non-array partial, or a value that is neither a
/// non-negative integer nor null, is an error.
/// </summary>
internal sealed class BinCount : IFunctionImplementation
{
    public static readonly BinCount Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value partial = inputs[1];
        if (!partial.IsArray) return JobOutcome.Fail("Could not get bins as array");
        if (inputs[0].IsNull) return JobOutcome.Ok(LibValues.Object("bins", partial));
        if (!inputs[0].TryGetUInt64(out ulong index)) return JobOutcome.Fail("Could not get value as u64");

        if (index >= (ulong)partial.ArrayLength) return JobOutcome.Ok(LibValues.Object("partial", partial));
        var bins = partial.ArrayItems.ToArray();
        // A bin that is not a u64 counts from 0, as upstream's unwrap_or(0).
        ulong current = bins[(int)index].TryGetUInt64(out ulong n) ? n : 0;
        bins[(int)index] = Value.FromUInt64(current + 1);
        return JobOutcome.Ok(LibValues.Object("partial", Value.FromArray(bins)));
    }
}
