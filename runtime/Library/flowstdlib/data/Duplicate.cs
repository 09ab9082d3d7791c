// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/duplicate</c>: an array of <c>factor</c> copies of <c>value</c>. A factor ≤ 0 gives
/// <c>[]</c> (upstream's empty range); a non-i64 factor is an error.
/// </summary>
internal sealed class Duplicate : IFunctionImplementation
{
    public static readonly Duplicate Instance = new();

    // Project choice: refuse absurd factors with an error instead of exhausting memory.
    internal const long MaxFactor = 1 << 24;

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[1].TryGetInt64(out long factor)) return JobOutcome.Fail("Could not get factor");
        if (factor > MaxFactor) return JobOutcome.Fail($"Duplication factor {factor} is too large");
        if (factor <= 0) return JobOutcome.Ok(Value.FromArray([]));
        var copies = new Value[factor];
        Array.Fill(copies, inputs[0]);
        return JobOutcome.Ok(Value.FromArray(copies));
    }
}
