// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/range_split</c>: <c>range</c> is <c>[min, max]</c>, both inclusive i64. <c>min == max</c>
/// emits <c>number</c>; otherwise <c>bottom = [min, mid]</c> and, above it, either <c>top = [mid+1, max]</c>
/// or, when that is a single value, <c>number = max</c> (upstream's split, which covers the range once).
/// </summary>
internal sealed class RangeSplit : IFunctionImplementation
{
    public static readonly RangeSplit Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get min and max array");
        var range = inputs[0].ArrayItems;
        if (range.Length != 2) return JobOutcome.Fail("Range (array/number) should have two values");
        if (!range[0].TryGetInt64(out long min)) return JobOutcome.Fail("Could not get min");
        if (!range[1].TryGetInt64(out long max)) return JobOutcome.Fail("Could not get max");
        // Project choice: upstream loops forever on min > max (its halves never shrink); an error stops it.
        if (min > max) return JobOutcome.Fail($"Range min {min} is greater than max {max}");

        if (min == max) return JobOutcome.Ok(LibValues.Object("number", Value.FromInt64(min)));

        // (max - min) / 2 computed unsigned, so the widest i64 range cannot overflow.
        long middle = unchecked(min + (long)(((ulong)max - (ulong)min) / 2));
        Value bottom = Value.FromArray([Value.FromInt64(min), Value.FromInt64(middle)]);
        long aboveMiddle = middle + 1;
        if (aboveMiddle == max)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("bottom", bottom),
                LibValues.Member("number", Value.FromInt64(max))));
        }
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("bottom", bottom),
            LibValues.Member("top", Value.FromArray([Value.FromInt64(aboveMiddle), Value.FromInt64(max)]))));
    }
}
