// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/count</c>: emits <c>count + 1</c> (i64) on its single unnamed output, as upstream's 0.142
/// and 1.0 definitions do (flows connect <c>from = "count"</c> and loop it back to <c>count/count</c>).
/// <c>data</c> is ignored. A non-i64 count is an error; so is i64::MAX (project choice: upstream overflows).
/// </summary>
internal sealed class Count : IFunctionImplementation
{
    public static readonly Count Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[1].TryGetInt64(out long count)) return JobOutcome.Fail("Could not get count");
        if (count == long.MaxValue) return JobOutcome.Fail("Count overflow");
        return JobOutcome.Ok(Value.FromInt64(count + 1));
    }
}
