// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/count</c>: emits <c>{"count": count + 1}</c> (i64) on its output named <c>count</c>
/// (runtime/Library/README.md). A flow loops it back with <c>count/count</c> (as a source the output
/// wins over the input of the same name); upstream-style <c>from = "count"</c> works too, since a
/// bare alias picks a function's only output. <c>data</c> is ignored. A non-i64 count is an
/// error; so is i64::MAX (project choice: upstream overflows).
/// </summary>
internal sealed class Count : IFunctionImplementation
{
    public static readonly Count Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[1].TryGetInt64(out long count)) return JobOutcome.Fail("Could not get count");
        if (count == long.MaxValue) return JobOutcome.Fail("Count overflow");
        return JobOutcome.Ok(Value.FromObject([new KeyValuePair<string, Value>("count", Value.FromInt64(count + 1))]));
    }
}
