// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/max</c> (1.0): tracks the maximum of a null-terminated stream. A number emits the new
/// maximum (a float) on <c>partial</c>, for loopback; null emits <c>partial</c> unchanged on
/// <c>result</c>. A non-number partial, or a value that is neither a number nor null, is an error.
/// </summary>
internal sealed class Max : IFunctionImplementation
{
    public static readonly Max Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs[0].IsNull) return JobOutcome.Ok(LibValues.Object("result", inputs[1]));
        if (!inputs[0].TryGetDouble(out double value)) return JobOutcome.Fail("value not f64");
        if (!inputs[1].TryGetDouble(out double partial)) return JobOutcome.Fail("partial not f64");
        return JobOutcome.Ok(LibValues.Object("partial", Value.FromDouble(value > partial ? value : partial)));
    }
}
