// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// The numeric pattern of runtime/Library/README.md (exact 0.142 behaviour of add and subtract):
/// 1. both inputs must be numbers, else no output;
/// 2. i1 an i64: i2 must be an i64 too, checked signed operation, overflow → no output;
/// 3. i1 a u64 above i64::MAX: i2 must be a u64, checked unsigned operation, overflow → no output;
/// 4. i1 a float: f64 operation (i2 converted); a non-finite result is null.
/// </summary>
internal static class NumericPattern
{
    public static JobOutcome Apply(in Value i1, in Value i2, bool subtract)
    {
        if (!i1.IsNumber || !i2.IsNumber) return JobOutcome.NoOutput();

        if (i1.TryGetInt64(out long a))
        {
            if (!i2.TryGetInt64(out long b)) return JobOutcome.NoOutput();
            long result;
            bool overflow = subtract
                ? ((a ^ b) & (a ^ (result = unchecked(a - b)))) < 0
                : (~(a ^ b) & (a ^ (result = unchecked(a + b)))) < 0;
            return overflow ? JobOutcome.NoOutput() : JobOutcome.Ok(Value.FromInt64(result));
        }

        if (i1.TryGetUInt64(out ulong x))
        {
            if (!i2.TryGetUInt64(out ulong y)) return JobOutcome.NoOutput();
            if (subtract)
            {
                return x >= y ? JobOutcome.Ok(Value.FromUInt64(x - y)) : JobOutcome.NoOutput();
            }
            ulong sum = unchecked(x + y);
            return sum < x ? JobOutcome.NoOutput() : JobOutcome.Ok(Value.FromUInt64(sum));
        }

        i1.TryGetDouble(out double l);
        i2.TryGetDouble(out double r);
        return JobOutcome.Ok(Value.FromDouble(subtract ? l - r : l + r));
    }
}
