// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/sqrt</c> (0.142): the f64 square root, always a float (<c>sqrt(81)</c> → <c>9.0</c>).
/// A negative input gives NaN, which is not a JSON number: the output is null.
/// </summary>
internal sealed class Sqrt : IFunctionImplementation
{
    public static readonly Sqrt Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) =>
        inputs[0].TryGetDouble(out double x)
            ? JobOutcome.Ok(Value.FromDouble(double.Sqrt(x)))
            : JobOutcome.Fail("Could not get number");
}
