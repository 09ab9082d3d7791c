// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Matrix;

/// <summary>
/// <c>matrix/multiply_row</c>: the dot product of rows <c>a</c> and <c>b</c> as i64 on <c>product</c>,
/// and <c>a_b_index = [a_index, b_index]</c> (null for an index that is not a u64). As upstream,
/// element pairs that are not both i64 are skipped. Project choices: elements past the end of the
/// shorter row are skipped (upstream panics); overflow is an error (upstream wraps).
/// </summary>
internal sealed class MultiplyRow : IFunctionImplementation
{
    public static readonly MultiplyRow Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get a");
        if (!inputs[2].IsArray) return JobOutcome.Fail("Could not get b");
        var a = inputs[0].ArrayItems;
        var b = inputs[2].ArrayItems;

        long product = 0;
        int length = int.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            if (!a[i].TryGetInt64(out long x) || !b[i].TryGetInt64(out long y)) continue;
            try
            {
                product = checked(product + x * y);
            }
            catch (OverflowException)
            {
                return JobOutcome.Fail("Overflow in the row product");
            }
        }

        Value aIndex = inputs[1].TryGetUInt64(out ulong ai) ? Value.FromUInt64(ai) : Value.Null;
        Value bIndex = inputs[3].TryGetUInt64(out ulong bi) ? Value.FromUInt64(bi) : Value.Null;
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("a_b_index", Value.FromArray([aIndex, bIndex])),
            LibValues.Member("product", Value.FromInt64(product))));
    }
}
