// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary><c>math/subtract</c>: i1 − i2 by the 0.142 numeric pattern; a negative u64 result gives no output.</summary>
internal sealed class Subtract : IFunctionImplementation
{
    public static readonly Subtract Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => NumericPattern.Apply(inputs[0], inputs[1], subtract: true);
}
