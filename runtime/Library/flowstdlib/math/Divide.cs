// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/divide</c>: both inputs as f64; <c>result = a / b</c> and <c>remainder = a % b</c> (C
/// <c>fmod</c>: the sign of a), always floats. Division by zero is not finite, so both are null (§5).
/// </summary>
internal sealed class Divide : IFunctionImplementation
{
    public static readonly Divide Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].TryGetDouble(out double dividend)) return JobOutcome.Fail("Could not get dividend");
        if (!inputs[1].TryGetDouble(out double divisor)) return JobOutcome.Fail("Could not get divisor");
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("remainder", Value.FromDouble(dividend % divisor)),
            LibValues.Member("result", Value.FromDouble(dividend / divisor))));
    }
}
