// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Context;

/// <summary>Turns text read by a context function into the values it outputs.</summary>
internal static class TextInput
{
    /// <summary><c>{"string": text, "json": value}</c>, <c>json</c> omitted when <paramref name="text"/>
    /// is not one JSON value (docs/context-functions.md, stdin and readline).</summary>
    public static Value StringAndJson(string text)
    {
        var asString = Value.FromString(text);
        return TryParseJson(text, out Value json)
            ? Value.FromObject(new("json", json), new("string", asString))
            : Value.FromObject(new KeyValuePair<string, Value>("string", asString));
    }

    /// <summary>serde_json's <c>from_str</c>: exactly one JSON value, whitespace around allowed.</summary>
    public static bool TryParseJson(string text, out Value value) => ValueJson.TryParse(text, out value);
}
