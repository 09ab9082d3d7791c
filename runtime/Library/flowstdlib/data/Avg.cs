// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/avg</c> (1.0): running average of a null-terminated stream. A number adds to
/// <c>partial_sum</c> and <c>partial_count</c> (both emitted as floats, for loopback); null emits
/// <c>result</c> = sum / count (0.0 when the count is 0) and <c>count</c> (a float).
/// Non-number partials, or a value that is neither a number nor null, are an error.
/// </summary>
internal sealed class Avg : IFunctionImplementation
{
    public static readonly Avg Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[1].TryGetDouble(out double sum)) return JobOutcome.Fail("Could not get partial_sum");
        if (!inputs[2].TryGetDouble(out double count)) return JobOutcome.Fail("Could not get partial_count");

        if (inputs[0].IsNull)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("count", Value.FromDouble(count)),
                LibValues.Member("result", Value.FromDouble(count > 0.0 ? sum / count : 0.0))));
        }
        if (!inputs[0].TryGetDouble(out double value)) return JobOutcome.Fail("value not f64");
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("partial_count", Value.FromDouble(count + 1.0)),
            LibValues.Member("partial_sum", Value.FromDouble(sum + value))));
    }
}
