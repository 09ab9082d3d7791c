// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Math;

/// <summary>
/// <c>math/multiply</c> (0.142): both inputs must be non-negative integers (u64), else the error
/// upstream gives. Upstream wraps on overflow; the project gives no output (§6).
/// </summary>
internal sealed class Multiply : IFunctionImplementation
{
    public static readonly Multiply Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].TryGetUInt64(out ulong i1)) return JobOutcome.Fail("Could not get i1");
        if (!inputs[1].TryGetUInt64(out ulong i2)) return JobOutcome.Fail("Could not get i2");
        ulong high = System.Math.BigMul(i1, i2, out ulong low);
        return high != 0 ? JobOutcome.NoOutput() : JobOutcome.Ok(Value.FromUInt64(low));
    }
}
