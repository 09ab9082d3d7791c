// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;
using Tomlyn;
using Tomlyn.Parsing;

namespace Flowr.Runtime.Compiler.Toml;

/// <summary>
/// Reads TOML text into <see cref="TomlNode"/>s with Tomlyn's event parser (no reflection, AOT-safe).
/// </summary>
internal static class TomlReader
{
    private static readonly TomlParserOptions ParserOptions = new() { Mode = TomlParserMode.Strict };

    /// <summary>Parses a whole document; syntax errors name <paramref name="file"/> and the line.</summary>
    public static TomlNode Parse(string text, string file)
    {
        try
        {
            var parser = TomlParser.Create(text, ParserOptions, new TomlSerializerOptions { SourceName = file });
            TomlNode? root = null;
            while (parser.MoveNext())
            {
                if (parser.Current.Kind == TomlParseEventKind.StartTable)
                {
                    root = ReadValue(parser, file);
                }
            }
            return root ?? TomlNode.Table(1);
        }
        catch (TomlException exception)
        {
            string reason = exception.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : exception.Message;
            throw new CompileException($"{file}:{exception.Line}: TOML syntax error: {reason.Trim()}", exception);
        }
    }

    // NOTE: the parser is positioned on the event that starts the value.
    private static TomlNode ReadValue(TomlParser parser, string file)
    {
        var current = parser.Current;
        int line = current.Line;
        switch (current.Kind)
        {
            case TomlParseEventKind.StartTable:
                return ReadTable(parser, file, line);
            case TomlParseEventKind.StartArray:
                var array = TomlNode.Array(line);
                while (parser.MoveNext() && parser.Current.Kind != TomlParseEventKind.EndArray)
                {
                    array.Items.Add(ReadValue(parser, file));
                }
                return array;
            case TomlParseEventKind.String:
                return TomlNode.ScalarNode(TomlNodeKind.String, line, Value.FromString(parser.GetString()));
            case TomlParseEventKind.Integer:
                return TomlNode.ScalarNode(TomlNodeKind.Integer, line, Value.FromInt64(current.GetInt64()));
            case TomlParseEventKind.Float:
                return TomlNode.ScalarNode(TomlNodeKind.Float, line, Value.FromDouble(current.GetDouble()));
            case TomlParseEventKind.Boolean:
                return TomlNode.ScalarNode(TomlNodeKind.Boolean, line, Value.FromBoolean(current.GetBoolean()));
            case TomlParseEventKind.DateTime:
                return TomlNode.ScalarNode(TomlNodeKind.DateTime, line, Value.Null);
            default:
                throw new CompileException($"{file}:{line}: TOML syntax error: unexpected {current.Kind}");
        }
    }

    private static TomlNode ReadTable(TomlParser parser, string file, int line)
    {
        var table = TomlNode.Table(line);
        while (parser.MoveNext())
        {
            var current = parser.Current;
            if (current.Kind == TomlParseEventKind.EndTable) break;
            if (current.Kind != TomlParseEventKind.PropertyName)
            {
                throw new CompileException($"{file}:{current.Line}: TOML syntax error: unexpected {current.Kind}");
            }
            string key = parser.GetPropertyName();
            int keyLine = current.Line;
            parser.MoveNext();
            var value = ReadValue(parser, file);
            value.SetLineIfUnknown(keyLine);
            table.SetLineIfUnknown(keyLine);
            if (table.TryGet(key, out var existing))
            {
                if (!TryMerge(existing, value)) throw new CompileException($"{file}:{keyLine}: TOML syntax error: duplicate key '{key}'");
                continue;
            }
            table.Members.Add(new(key, value));
        }
        return table;
    }

    // NOTE: the event parser reports a key again when a document reopens it: [[process]] entries after
    // a [[connection]], or [a.b] after [c]. Arrays of tables are appended and tables merged; any
    // other repeated key is a duplicate.
    private static bool TryMerge(TomlNode existing, TomlNode value)
    {
        if (existing.Kind == TomlNodeKind.Array && value.Kind == TomlNodeKind.Array
            && existing.Items.TrueForAll(item => item.IsTable) && value.Items.TrueForAll(item => item.IsTable))
        {
            existing.Items.AddRange(value.Items);
            return true;
        }
        if (!existing.IsTable || !value.IsTable) return false;
        foreach (var member in value.Members)
        {
            if (existing.TryGet(member.Key, out var inner))
            {
                if (!TryMerge(inner, member.Value)) return false;
            }
            else
            {
                existing.Members.Add(member);
            }
        }
        return true;
    }
}
