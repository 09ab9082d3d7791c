// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Toml;

/// <summary>
/// A one-pass reader for the TOML that flow definitions are written in: comments, bare, quoted and
/// dotted keys, [tables], [[arrays of tables]], single-line strings, decimal numbers, booleans,
/// arrays and inline tables. Anything else (multi-line strings, dates, hexadecimal or special
/// numbers, a table defined twice, a syntax error) makes it give up and return null; Tomlyn then
/// reads the document and reports what is wrong. It produces the same nodes, lines included, as the
/// Tomlyn path, several times faster, which matters for flows written by programs (a flow of 100,000
/// processes is a 14 MB file).
/// </summary>
internal sealed partial class FastTomlReader
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private readonly StringPool _strings;
    // The key just read: its parts after the first, when it is dotted.
    private readonly List<string> _dotted = [];
    // A header's key, reused from header to header.
    private readonly List<string> _header = [];

    private FastTomlReader(string text, StringPool strings)
    {
        _text = text;
        _strings = strings;
    }

    /// <summary>The document's root table, or null when the document needs the full reader.</summary>
    public static TomlNode? TryParse(string text, StringPool? strings = null)
    {
        try
        {
            return new FastTomlReader(text, strings ?? new StringPool()).ReadDocument();
        }
        catch (GiveUpException)
        {
            return null;
        }
    }

    // Thrown (one shared instance) to leave the document to Tomlyn.
    private sealed class GiveUpException : Exception
    {
        public static readonly GiveUpException Instance = new();
    }

    [DoesNotReturn]
    private static void GiveUp() => throw GiveUpException.Instance;

    private bool AtEnd => _position >= _text.Length;

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private TomlNode ReadDocument()
    {
        var root = TomlNode.Table(0, capacity: 8);
        root.Origin = TomlOrigin.Header;
        var current = root;
        while (true)
        {
            SkipSpaces();
            if (AtEnd) break;
            char c = Current;
            if (c == '#')
            {
                SkipComment();
                continue;
            }
            if (c is '\n' or '\r')
            {
                NewLine();
                continue;
            }
            int line = _line;
            root.SetLineIfUnknown(line);
            if (c == '[') current = ReadHeader(root, line);
            else ReadKeyValue(current, line, TomlOrigin.Dotted);
            EndOfLine();
        }
        return root;
    }

    // [a.b] or [[a.b]]: the table that the following keys go into.
    private TomlNode ReadHeader(TomlNode root, int line)
    {
        _position++;
        bool isArray = Current == '[';
        if (isArray) _position++;
        SkipSpaces();
        var keys = ReadKeys();
        SkipSpaces();
        if (Current != ']') GiveUp();
        _position++;
        if (isArray)
        {
            if (Current != ']') GiveUp();
            _position++;
        }
        var table = root;
        for (int i = 0; i < keys.Count - 1; i++) table = Descend(table, keys[i], line);
        string last = keys[^1];
        if (isArray)
        {
            var item = TomlNode.Table(line);
            item.Origin = TomlOrigin.Header;
            if (table.TryGet(last, out var existing))
            {
                if (existing.Kind != TomlNodeKind.Array || existing.Origin != TomlOrigin.TableArray) GiveUp();
                existing.AddItem(item);
                return item;
            }
            var array = TomlNode.Array(line);
            array.Origin = TomlOrigin.TableArray;
            array.AddItem(item);
            table.AddMember(last, array);
            return item;
        }
        if (table.TryGet(last, out var defined))
        {
            // Only a table so far implied by a longer header may be defined now, once.
            if (!defined.IsTable || defined.Origin != TomlOrigin.Implicit) GiveUp();
            defined.Origin = TomlOrigin.Header;
            return defined;
        }
        var created = TomlNode.Table(line);
        created.Origin = TomlOrigin.Header;
        table.AddMember(last, created);
        return created;
    }

    // One step along a header's key: an existing table, the last table of an array of tables, or a new implied table.
    private static TomlNode Descend(TomlNode table, string key, int line)
    {
        if (table.TryGet(key, out var node))
        {
            if (node.IsTable && node.Origin is TomlOrigin.Implicit or TomlOrigin.Header) return node;
            if (node.Kind == TomlNodeKind.Array && node.Origin == TomlOrigin.TableArray) return node.Items[^1];
            GiveUp();
        }
        var created = TomlNode.Table(line);
        created.Origin = TomlOrigin.Implicit;
        table.AddMember(key, created);
        return created;
    }

    // key = value, the key possibly dotted (a.b.c = 1 makes tables a and a.b).
    private void ReadKeyValue(TomlNode table, int line, TomlOrigin dottedOrigin)
    {
        string key = ReadKey();
        SkipSpaces();
        if (Current != '=') GiveUp();
        _position++;
        SkipSpaces();
        var target = table;
        // NOTE: the dotted parts are consumed before the value is read, which may read keys of its own.
        for (int i = 0; i < _dotted.Count; i++)
        {
            if (target.TryGet(key, out var node))
            {
                if (!node.IsTable || node.Origin != dottedOrigin) GiveUp();
                target = node;
            }
            else
            {
                var created = TomlNode.Table(line);
                created.Origin = dottedOrigin;
                target.AddMember(key, created);
                target = created;
            }
            key = _dotted[i];
        }
        _dotted.Clear();
        var value = ReadValue();
        value.SetLineIfUnknown(line);
        if (target.TryGet(key, out _)) GiveUp();
        target.AddMember(key, value);
    }

    // A header's key, every part in one list (valid until the next header).
    private List<string> ReadKeys()
    {
        _header.Clear();
        _header.Add(ReadKey());
        _header.AddRange(_dotted);
        _dotted.Clear();
        return _header;
    }

    // A bare, "basic" or 'literal' key; when several are joined by dots, the first is returned and
    // the others are left in _dotted.
    private string ReadKey()
    {
        SkipSpaces();
        string first = ReadKeyPart();
        while (true)
        {
            SkipSpaces();
            if (Current != '.') return first;
            _position++;
            SkipSpaces();
            _dotted.Add(ReadKeyPart());
        }
    }

    private string ReadKeyPart()
    {
        char c = Current;
        if (c == '"')
        {
            if (Peek(1) == '"' && Peek(2) == '"') GiveUp();
            return ReadBasicString();
        }
        if (c == '\'')
        {
            if (Peek(1) == '\'' && Peek(2) == '\'') GiveUp();
            return ReadLiteralString();
        }
        int start = _position;
        while (!AtEnd && IsBareKeyChar(Current)) _position++;
        if (_position == start) GiveUp();
        return _strings.Get(_text.AsSpan(start, _position - start));
    }

    private static bool IsBareKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t') _position++;
    }

    // From '#' to the end of the line; control characters other than tab are not allowed in comments.
    private void SkipComment()
    {
        while (!AtEnd)
        {
            char c = Current;
            if (c is '\n' or '\r') return;
            if (IsControl(c)) GiveUp();
            _position++;
        }
    }

    private static bool IsControl(char c) => (c < ' ' && c != '\t') || c == '\u007f';

    // "\n" or "\r\n"; a lone "\r" is not a line end in TOML.
    private void NewLine()
    {
        if (Current == '\r')
        {
            if (Peek(1) != '\n') GiveUp();
            _position++;
        }
        _position++;
        _line++;
    }

    // After a key/value or a header: spaces, perhaps a comment, then the end of the line or document.
    private void EndOfLine()
    {
        SkipSpaces();
        if (Current == '#') SkipComment();
        if (AtEnd) return;
        if (Current is not ('\n' or '\r')) GiveUp();
        NewLine();
    }

    // Spaces, comments and line ends, as allowed between the items of an array.
    private void SkipBlank()
    {
        while (!AtEnd)
        {
            char c = Current;
            if (c is ' ' or '\t') _position++;
            else if (c == '#') SkipComment();
            else if (c is '\n' or '\r') NewLine();
            else return;
        }
    }
}
