// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/compare</c> (§6): all six boolean outputs. Both i64 → signed compare; both u64 →
/// unsigned; otherwise f64, where <c>equal</c> is <c>|l − r| &lt; f64::EPSILON</c> and <c>ne</c> its
/// negation while lt/lte/gt/gte compare plainly. A non-number input is an error.
/// </summary>
internal sealed class Compare : IFunctionImplementation
{
    public static readonly Compare Instance = new();

    // Rust's f64::EPSILON (2^-52), not .NET's double.Epsilon (the smallest subnormal).
    internal const double RustEpsilon = 2.220446049250313E-16;

    // NOTE: the output only depends on five booleans (ne = !equal), so every possible object is
    // built once; a job allocates nothing. Index bits: equal, lt, lte, gt, gte.
    private static readonly Value[] s_outputs = BuildOutputs();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value left = inputs[0], right = inputs[1];
        if (!left.IsNumber || !right.IsNumber) return JobOutcome.Fail("Could not compare non-number values");

        bool equal, lt, lte, gt, gte;
        if (left.TryGetInt64(out long l) && right.TryGetInt64(out long r))
        {
            (equal, lt, lte, gt, gte) = (l == r, l < r, l <= r, l > r, l >= r);
        }
        else if (left.TryGetUInt64(out ulong ul) && right.TryGetUInt64(out ulong ur))
        {
            (equal, lt, lte, gt, gte) = (ul == ur, ul < ur, ul <= ur, ul > ur, ul >= ur);
        }
        else
        {
            left.TryGetDouble(out double fl);
            right.TryGetDouble(out double fr);
            (equal, lt, lte, gt, gte) = (double.Abs(fl - fr) < RustEpsilon, fl < fr, fl <= fr, fl > fr, fl >= fr);
        }
        return JobOutcome.Ok(s_outputs[Index(equal, lt, lte, gt, gte)]);
    }

    private static int Index(bool equal, bool lt, bool lte, bool gt, bool gte) =>
        (equal ? 1 : 0) | (lt ? 2 : 0) | (lte ? 4 : 0) | (gt ? 8 : 0) | (gte ? 16 : 0);

    private static Value[] BuildOutputs()
    {
        var outputs = new Value[32];
        for (int i = 0; i < outputs.Length; i++)
        {
            bool equal = (i & 1) != 0;
            outputs[i] = LibValues.Object(
                LibValues.Member("equal", Value.FromBoolean(equal)),
                LibValues.Member("gt", Value.FromBoolean((i & 8) != 0)),
                LibValues.Member("gte", Value.FromBoolean((i & 16) != 0)),
                LibValues.Member("lt", Value.FromBoolean((i & 2) != 0)),
                LibValues.Member("lte", Value.FromBoolean((i & 4) != 0)),
                LibValues.Member("ne", Value.FromBoolean(!equal)));
        }
        return outputs;
    }
}
