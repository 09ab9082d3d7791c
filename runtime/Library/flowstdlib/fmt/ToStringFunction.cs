// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Fmt;

/// <summary>
/// <c>fmt/to_string</c>: the value's compact JSON text (§5), so a string gains quotes
/// (<c>"Hello"</c> → <c>"\"Hello\""</c>), null gives <c>"null"</c> and 42 gives <c>"42"</c>.
/// </summary>
internal sealed class ToStringFunction : IFunctionImplementation
{
    public static readonly ToStringFunction Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Ok(Value.FromString(ValueJson.ToCompactString(inputs[0])));
}
