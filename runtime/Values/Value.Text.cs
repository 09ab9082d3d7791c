// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Values;

public readonly partial struct Value
{
    /// <summary>The compact JSON text (serde_json's <c>to_string</c>).</summary>
    public override string ToString() => ValueJson.ToCompactString(this);

    /// <summary>How flow prints a value on stdout: a string raw (no quotes, no escapes), anything
    /// else as compact JSON.</summary>
    public string ToDisplayString() => Kind == ValueKind.String ? (string)_ref! : ValueJson.ToCompactString(this);

    /// <summary>Parses JSON text; throws <see cref="FormatException"/> when it is not valid JSON.</summary>
    public static Value Parse(string json) => ValueJson.Parse(json);
}
