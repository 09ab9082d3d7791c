// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library.Math;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary>
/// <c>control/compare_switch</c> (§6): compares as f64 (equal within Rust's <c>f64::EPSILON</c>) and
/// emits the <b>original</b> left or right value on every output whose relation holds; false
/// relations emit nothing. A non-number input is an error.
/// </summary>
internal sealed class CompareSwitch : IFunctionImplementation
{
    public static readonly CompareSwitch Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value left = inputs[0], right = inputs[1];
        if (!left.TryGetDouble(out double lhs) || !right.TryGetDouble(out double rhs))
        {
            return JobOutcome.Fail("Could not get input values as f64");
        }

        if (double.Abs(rhs - lhs) < Compare.RustEpsilon)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("equal", right),
                LibValues.Member("left-gte", left),
                LibValues.Member("left-lte", left),
                LibValues.Member("right-gte", right),
                LibValues.Member("right-lte", right)));
        }
        if (rhs < lhs)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("left-gt", left),
                LibValues.Member("left-gte", left),
                LibValues.Member("right-lt", right),
                LibValues.Member("right-lte", right)));
        }
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("left-lt", left),
            LibValues.Member("left-lte", left),
            LibValues.Member("right-gt", right),
            LibValues.Member("right-gte", right)));
    }
}
