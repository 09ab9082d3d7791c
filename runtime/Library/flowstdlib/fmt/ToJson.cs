// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Fmt;

/// <summary>
/// <c>fmt/to_json</c>: a string is parsed as JSON, or passed through as the string when it does not
/// parse (<c>"-1.20,0.35"</c>); null gives null and any other value passes through.
/// </summary>
internal sealed class ToJson : IFunctionImplementation
{
    public static readonly ToJson Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value input = inputs[0];
        if (input.TryGetString(out string? text) && ValueJson.TryParse(text, out Value parsed)) return JobOutcome.Ok(parsed);
        return JobOutcome.Ok(input);
    }
}
