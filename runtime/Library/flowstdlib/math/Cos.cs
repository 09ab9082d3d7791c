// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/cos</c> (1.0 addition): the input in radians as f64; the result goes through HEAD's
/// <c>numeric_json</c>, so an integral result is an integer. A non-number input is an error.
/// </summary>
internal sealed class Cos : IFunctionImplementation
{
    public static readonly Cos Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) =>
        inputs[0].TryGetDouble(out double x)
            ? JobOutcome.Ok(LibValues.NumericJson(double.Cos(x)))
            : JobOutcome.Fail("Could not get number");
}
