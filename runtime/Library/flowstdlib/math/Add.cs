// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary><c>math/add</c>: i1 + i2 by the 0.142 numeric pattern (<see cref="NumericPattern"/>).</summary>
internal sealed class Add : IFunctionImplementation
{
    public static readonly Add Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => NumericPattern.Apply(inputs[0], inputs[1], subtract: false);
}
