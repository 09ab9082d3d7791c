// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Definitions;

/// <summary>
/// A type of an IO: "" is generic, otherwise a JSON type name, or
/// "array/&lt;T&gt;" where "array/" is an array of generic. A bare "array" is stored as "array/".
/// </summary>
internal readonly record struct DataType(string Text)
{
    private const string ArrayPrefix = "array/";
    private const string ObjectPrefix = "object/";

    public static DataType Generic => new("");

    private static readonly string[] ScalarNames = ["null", "boolean", "number", "string", "object"];

    private static readonly string[] CommonNames =
        ["number", "string", "boolean", "object", "null", "array/number", "array/string", "array/boolean", "array/object", "array/array/number"];

    /// <summary>No type: anything is accepted.</summary>
    public bool IsGeneric => Text.Length == 0;

    /// <summary>Generic, or an array of generic ("array/"): compatible with anything.</summary>
    public bool IsGenericOrGenericArray => Text.Length == 0 || Text == ArrayPrefix;

    public bool IsArray => Text.StartsWith(ArrayPrefix, StringComparison.Ordinal);

    /// <summary>The array depth: number 0, array/number 1, array/array/number 2, array/ 1.</summary>
    public int ArrayOrder
    {
        get
        {
            int order = 0;
            var text = Text.AsSpan();
            while (text.StartsWith(ArrayPrefix, StringComparison.Ordinal))
            {
                order++;
                text = text[ArrayPrefix.Length..];
            }
            return order;
        }
    }

    /// <summary>The element type one level inside an array type (generic for a non-array).</summary>
    public DataType ElementType => IsArray ? new(Text[ArrayPrefix.Length..]) : Generic;

    /// <summary>The type of a member selected from an object ("object/&lt;T&gt;" gives T, "object" generic).</summary>
    public DataType MemberType => Text.StartsWith(ObjectPrefix, StringComparison.Ordinal) ? new(Text[ObjectPrefix.Length..]) : Generic;

    public bool IsObject => Text == "object" || Text.StartsWith(ObjectPrefix, StringComparison.Ordinal);

    public override string ToString() => Text;

    /// <summary>
    /// Parses a type written in a definition. Capitalised names of very old files (Number,
    /// Array/String, Bool) are mapped to the lower-case forms, reporting <paramref name="mapped"/>.
    /// Like upstream, "object/&lt;T&gt;" names an object whose members are of type T.
    /// </summary>
    public static bool TryParse(string? written, out DataType type, out bool mapped)
    {
        mapped = false;
        type = Generic;
        if (string.IsNullOrEmpty(written)) return true;
        // The common types, as written in nearly every definition, need no work.
        if (Array.IndexOf(CommonNames, written) >= 0)
        {
            type = new DataType(written);
            return true;
        }

        var segments = written.Split('/');
        var builder = new System.Text.StringBuilder(written.Length + 1);
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool last = i == segments.Length - 1;
            string lower = segment.ToLowerInvariant();
            if (lower == "bool") lower = "boolean";
            if (lower != segment) mapped = true;
            if (lower.Length == 0)
            {
                // Only "array/" and "object/" may end with an empty segment: an array or object of generic.
                if (!last || i == 0) return false;
                break;
            }
            if (lower == "array")
            {
                builder.Append(ArrayPrefix);
                continue;
            }
            if (lower == "object" && !last && segments[i + 1].Length > 0)
            {
                builder.Append(ObjectPrefix);
                continue;
            }
            if (!last && lower != "object") return false;
            if (Array.IndexOf(ScalarNames, lower) < 0) return false;
            builder.Append(lower);
        }
        type = new DataType(builder.ToString());
        return true;
    }
}
