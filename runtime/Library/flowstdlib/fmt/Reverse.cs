// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Fmt;

/// <summary>
/// <c>fmt/reverse</c>: reverses a string by Unicode scalar values (Rust's <c>chars().rev()</c>); the
/// value is <c>{"reversed": "…"}</c>. A non-string input is an error.
/// </summary>
internal sealed class Reverse : IFunctionImplementation
{
    public static readonly Reverse Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].TryGetString(out string? text)) return JobOutcome.Fail("Could not get string");
        var reversed = new StringBuilder(text.Length);
        for (int end = text.Length; end > 0;)
        {
            // Step back over a whole surrogate pair so that it stays in order.
            int length = end >= 2 && char.IsSurrogatePair(text[end - 2], text[end - 1]) ? 2 : 1;
            reversed.Append(text, end - length, length);
            end -= length;
        }
        return JobOutcome.Ok(LibValues.Object("reversed", Value.FromString(reversed.ToString())));
    }
}
