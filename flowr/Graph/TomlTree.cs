// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Tomlyn;
using Tomlyn.Parsing;

namespace Flowr.Graph;

/// <summary>
/// Reads a definition file for drawing: tables become dictionaries, arrays lists, and scalars strings or
/// <see cref="Literal"/>s. The flow was compiled before it is drawn, so the file is known to
/// be valid; this keeps only what the drawing shows. Uses Tomlyn's event parser (no reflection).
/// </summary>
internal static class TomlTree
{
    private static readonly TomlParserOptions ParserOptions = new() { Mode = TomlParserMode.Strict };

    public static Dictionary<string, object> Parse(string text, string file)
    {
        var parser = TomlParser.Create(text, ParserOptions, new TomlSerializerOptions { SourceName = file });
        Dictionary<string, object>? root = null;
        while (parser.MoveNext())
        {
            if (parser.Current.Kind == TomlParseEventKind.StartTable) root = (Dictionary<string, object>)Read(parser);
        }
        return root ?? [];
    }

    public static string? String(this Dictionary<string, object> table, string key) =>
        table.TryGetValue(key, out var value) ? value as string : null;

    public static IEnumerable<Dictionary<string, object>> Tables(this Dictionary<string, object> table, string key) =>
        table.TryGetValue(key, out var value) && value is List<object> items ? items.OfType<Dictionary<string, object>>() : [];

    public static Dictionary<string, object>? Table(this Dictionary<string, object> table, string key) =>
        table.TryGetValue(key, out var value) ? value as Dictionary<string, object> : null;

    /// <summary>A value as it would be written in JSON-ish text, for labels: strings quoted, arrays bracketed.</summary>
    public static string Display(object value) => value switch
    {
        string text => $"\"{text}\"",
        Literal literal => literal.Text,
        List<object> items => "[" + string.Join(", ", items.Select(Display)) + "]",
        Dictionary<string, object> table => "{" + string.Join(", ", table.Select(m => $"{m.Key}: {Display(m.Value)}")) + "}",
        _ => value.ToString() ?? "",
    };

    /// <summary>A number or boolean, kept as its text and apart from strings.</summary>
    internal sealed record Literal(string Text);

    private static object Read(TomlParser parser)
    {
        var current = parser.Current;
        switch (current.Kind)
        {
            case TomlParseEventKind.StartTable:
                var table = new Dictionary<string, object>(StringComparer.Ordinal);
                while (parser.MoveNext() && parser.Current.Kind != TomlParseEventKind.EndTable)
                {
                    string key = parser.GetPropertyName();
                    parser.MoveNext();
                    object value = Read(parser);
                    if (table.TryGetValue(key, out var existing)) Merge(existing, value);
                    else table[key] = value;
                }
                return table;
            case TomlParseEventKind.StartArray:
                var array = new List<object>();
                while (parser.MoveNext() && parser.Current.Kind != TomlParseEventKind.EndArray) array.Add(Read(parser));
                return array;
            case TomlParseEventKind.String:
                return parser.GetString();
            case TomlParseEventKind.Integer:
                return new Literal(current.GetInt64().ToString(CultureInfo.InvariantCulture));
            case TomlParseEventKind.Float:
                return new Literal(current.GetDouble().ToString("R", CultureInfo.InvariantCulture));
            case TomlParseEventKind.Boolean:
                return new Literal(current.GetBoolean() ? "true" : "false");
            default:
                return "";
        }
    }

    // The event parser reports a key again when the document reopens it ([[process]] after a
    // [[connection]]): arrays of tables are appended, tables merged.
    private static void Merge(object existing, object value)
    {
        if (existing is List<object> items && value is List<object> more) items.AddRange(more);
        else if (existing is Dictionary<string, object> table && value is Dictionary<string, object> members)
        {
            foreach (var member in members)
            {
                if (table.TryGetValue(member.Key, out var inner)) Merge(inner, member.Value);
                else table[member.Key] = member.Value;
            }
        }
    }
}
