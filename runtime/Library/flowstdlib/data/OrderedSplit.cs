// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/ordered_split</c>: splits <c>string</c> at every <c>separator</c>, keeping order and empty
/// parts, as Rust's <c>str::split</c> (an empty separator splits between characters:
/// <c>"ab"</c> → <c>["","a","b",""]</c>). A null string gives null; other non-strings are an error.
/// </summary>
internal sealed class OrderedSplit : IFunctionImplementation
{
    public static readonly OrderedSplit Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs[0].IsNull) return JobOutcome.Ok(Value.Null);
        if (!inputs[0].TryGetString(out string? text)) return JobOutcome.Fail("Could not get string");
        if (!inputs[1].TryGetString(out string? separator)) return JobOutcome.Fail("Could not get separator");

        if (separator.Length > 0)
        {
            string[] parts = text.Split(separator, StringSplitOptions.None);
            var values = new Value[parts.Length];
            for (int i = 0; i < parts.Length; i++) values[i] = Value.FromString(parts[i]);
            return JobOutcome.Ok(Value.FromArray(values));
        }

        var pieces = new List<Value> { Value.FromString("") };
        foreach (Rune rune in text.EnumerateRunes()) pieces.Add(Value.FromString(rune.ToString()));
        pieces.Add(Value.FromString(""));
        return JobOutcome.Ok(Value.FromArray([.. pieces]));
    }
}
