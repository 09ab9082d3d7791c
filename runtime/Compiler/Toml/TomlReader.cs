// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;
using Tomlyn;
using Tomlyn.Parsing;

namespace Flowr.Runtime.Compiler.Toml;

/// <summary>
/// Reads TOML text into <see cref="TomlNode"/>s with Tomlyn's event parser (no reflection, AOT-safe).
/// </summary>
internal sealed class TomlReader
{
    private static readonly TomlParserOptions ParserOptions = new() { Mode = TomlParserMode.Strict };

    private readonly string _text;
    private readonly string _file;
    private List<int>? _lineStarts;

    private TomlReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Parses a whole document; syntax errors name <paramref name="file"/> and the line.</summary>
    public static TomlNode Parse(string text, string file, StringPool? strings = null) =>
        FastTomlReader.TryParse(text, strings) ?? ParseWithTomlyn(text, file);

    /// <summary>Parses with Tomlyn's event parser: every document the fast reader leaves, with Tomlyn's error messages.</summary>
    internal static TomlNode ParseWithTomlyn(string text, string file)
    {
        try
        {
            var parser = TomlParser.Create(text, ParserOptions, new TomlSerializerOptions { SourceName = file });
            TomlNode? root = null;
            while (parser.MoveNext())
            {
                if (parser.Current.Kind == TomlParseEventKind.StartTable)
                {
                    root = new TomlReader(text, file).ReadValue(parser);
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
    private TomlNode ReadValue(TomlParser parser)
    {
        var current = parser.Current;
        int line = current.Line;
        switch (current.Kind)
        {
            case TomlParseEventKind.StartTable:
                return ReadTable(parser, line);
            case TomlParseEventKind.StartArray:
                var array = TomlNode.Array(line);
                while (parser.MoveNext() && parser.Current.Kind != TomlParseEventKind.EndArray)
                {
                    array.AddItem(ReadValue(parser));
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
                throw new CompileException($"{_file}:{line}: TOML syntax error: unexpected {current.Kind}");
        }
    }

    private TomlNode ReadTable(TomlParser parser, int line)
    {
        var table = TomlNode.Table(line);
        while (parser.MoveNext())
        {
            var current = parser.Current;
            if (current.Kind == TomlParseEventKind.EndTable) break;
            if (current.Kind != TomlParseEventKind.PropertyName)
            {
                throw new CompileException($"{_file}:{current.Line}: TOML syntax error: unexpected {current.Kind}");
            }
            string key = parser.GetPropertyName();
            int keyLine = current.Line;
            parser.MoveNext();
            var value = ReadValue(parser);
            value.SetLineIfUnknown(keyLine);
            // The event parser gives a table no line of its own: a [table] gets its header's line, and
            // so does each item of a [[table]], as the fast reader gives them.
            if (value.IsTable && IsHeader(keyLine, "["))
            {
                value.SetLine(keyLine);
            }
            else if (value.IsArrayOfTables && IsHeader(keyLine, "[["))
            {
                foreach (var item in value.Items) item.SetLine(HeaderLine(item.Line));
            }
            table.SetLineIfUnknown(keyLine);
            if (table.TryGet(key, out var existing))
            {
                if (!TryMerge(existing, value)) throw new CompileException($"{_file}:{keyLine}: TOML syntax error: duplicate key '{key}'");
                continue;
            }
            table.AddMember(key, value);
        }
        return table;
    }

    // The line of the [[header]] above the first key of a table that starts at firstKeyLine: the nearest
    // line above it that is not blank or a comment, when it is a header; else the key's own line.
    private int HeaderLine(int firstKeyLine)
    {
        if (firstKeyLine <= 1) return firstKeyLine;
        _lineStarts ??= LineStarts(_text);
        for (int line = firstKeyLine - 1; line >= 1 && line <= _lineStarts.Count; line--)
        {
            int start = _lineStarts[line - 1];
            int end = line < _lineStarts.Count ? _lineStarts[line] : _text.Length;
            var content = _text.AsSpan(start, end - start).Trim();
            if (content.IsEmpty || content[0] == '#') continue;
            return content.StartsWith("[[", StringComparison.Ordinal) ? line : firstKeyLine;
        }
        return firstKeyLine;
    }

    private bool IsHeader(int line, string opening)
    {
        _lineStarts ??= LineStarts(_text);
        if (line < 1 || line > _lineStarts.Count) return false;
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Count ? _lineStarts[line] : _text.Length;
        return _text.AsSpan(start, end - start).TrimStart().StartsWith(opening, StringComparison.Ordinal);
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1)) starts.Add(i + 1);
        return starts;
    }

    // NOTE: the event parser reports a key again when a document reopens it: [[process]] entries after
    // a [[connection]], or [a.b] after [c]. Arrays of tables are appended and tables merged; any
    // other repeated key is a duplicate.
    private static bool TryMerge(TomlNode existing, TomlNode value)
    {
        if (existing.IsArrayOfTables && value.IsArrayOfTables)
        {
            existing.AddItems(value);
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
                existing.AddMember(member.Key, member.Value);
            }
        }
        return true;
    }
}
