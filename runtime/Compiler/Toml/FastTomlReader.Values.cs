// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Compiler.Toml;

internal sealed partial class FastTomlReader
{
    // Strings up to this length are shared when they repeat (sources, aliases, routes).
    private const int InternedLength = 64;

    private TomlNode ReadValue()
    {
        int line = _line;
        switch (Current)
        {
            case '"':
                if (Peek(1) == '"' && Peek(2) == '"') GiveUp();
                return TomlNode.ScalarNode(TomlNodeKind.String, line, Value.FromString(ReadBasicString()));
            case '\'':
                if (Peek(1) == '\'' && Peek(2) == '\'') GiveUp();
                return TomlNode.ScalarNode(TomlNodeKind.String, line, Value.FromString(ReadLiteralString()));
            case 't':
                return ReadWord("true", line, true);
            case 'f':
                return ReadWord("false", line, false);
            case '[':
                return ReadArray(line);
            case '{':
                return ReadInlineTable(line);
            default:
                return ReadNumber(line);
        }
    }

    private TomlNode ReadWord(string word, int line, bool value)
    {
        if (!_text.AsSpan(_position).StartsWith(word, StringComparison.Ordinal)) GiveUp();
        _position += word.Length;
        ExpectValueEnd();
        return TomlNode.ScalarNode(TomlNodeKind.Boolean, line, Value.FromBoolean(value));
    }

    // What may follow a scalar: a separator, a closing bracket, a comment or the end of the line.
    private void ExpectValueEnd()
    {
        if (Current is not (' ' or '\t' or ',' or ']' or '}' or '#' or '\n' or '\r' or '\0')) GiveUp();
        if (Current == '\0' && !AtEnd) GiveUp();
    }

    // A decimal integer or float with TOML's rules (optional sign, '_' only between digits, no
    // leading zeros); hexadecimal, octal, binary, inf, nan and dates are left to the full reader.
    private TomlNode ReadNumber(int line)
    {
        int start = _position;
        if (Current is '+' or '-') _position++;
        int digitsStart = _position;
        if (!ReadDigits()) GiveUp();
        int integerDigits = _position - digitsStart;
        if (integerDigits > 1 && _text[digitsStart] == '0') GiveUp();
        bool isFloat = false;
        if (Current == '.')
        {
            _position++;
            if (!ReadDigits()) GiveUp();
            isFloat = true;
        }
        if (Current is 'e' or 'E')
        {
            _position++;
            if (Current is '+' or '-') _position++;
            if (!ReadDigits()) GiveUp();
            isFloat = true;
        }
        ExpectValueEnd();
        var written = _text.AsSpan(start, _position - start);
        Span<char> buffer = written.Length <= 128 ? stackalloc char[written.Length] : new char[written.Length];
        int length = 0;
        foreach (char c in written)
        {
            if (c != '_') buffer[length++] = c;
        }
        var digits = buffer[..length];
        if (isFloat)
        {
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number)) GiveUp();
            return TomlNode.ScalarNode(TomlNodeKind.Float, line, Value.FromDouble(number));
        }
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer)) GiveUp();
        return TomlNode.ScalarNode(TomlNodeKind.Integer, line, Value.FromInt64(integer));
    }

    // Digits with single underscores between them; false when there is no digit. A date or time
    // (1979-05-27, 07:32:00) stops here with '-' or ':' next, which is not a value end.
    private bool ReadDigits()
    {
        if (!char.IsAsciiDigit(Current)) return false;
        _position++;
        while (true)
        {
            if (char.IsAsciiDigit(Current))
            {
                _position++;
            }
            else if (Current == '_' && char.IsAsciiDigit(Peek(1)))
            {
                _position += 2;
            }
            else
            {
                return true;
            }
        }
    }

    // "…" on one line, with TOML's escapes.
    private string ReadBasicString()
    {
        _position++;
        int start = _position;
        StringBuilder? escaped = null;
        while (true)
        {
            if (AtEnd) GiveUp();
            char c = _text[_position];
            if (c == '"') break;
            if (c == '\\')
            {
                escaped ??= new StringBuilder();
                escaped.Append(_text, start, _position - start);
                _position++;
                AppendEscape(escaped);
                start = _position;
                continue;
            }
            if (IsControl(c)) GiveUp();
            _position++;
        }
        var tail = _text.AsSpan(start, _position - start);
        _position++;
        if (escaped is null) return tail.Length <= InternedLength ? _strings.Get(tail) : tail.ToString();
        return escaped.Append(tail).ToString();
    }

    private void AppendEscape(StringBuilder text)
    {
        char c = Current;
        _position++;
        switch (c)
        {
            case 'b': text.Append('\b'); return;
            case 't': text.Append('\t'); return;
            case 'n': text.Append('\n'); return;
            case 'f': text.Append('\f'); return;
            case 'r': text.Append('\r'); return;
            case '"': text.Append('"'); return;
            case '\\': text.Append('\\'); return;
            case 'u': AppendCodePoint(text, 4); return;
            case 'U': AppendCodePoint(text, 8); return;
            default: GiveUp(); return;
        }
    }

    private void AppendCodePoint(StringBuilder text, int digits)
    {
        int code = -1;
        if (_position + digits <= _text.Length
            && int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int parsed))
        {
            code = parsed;
        }
        if (!Rune.IsValid(code)) GiveUp();
        _position += digits;
        text.Append(new Rune(code).ToString());
    }

    // '…' on one line: no escapes.
    private string ReadLiteralString()
    {
        _position++;
        int start = _position;
        while (true)
        {
            if (AtEnd) GiveUp();
            char c = _text[_position];
            if (c == '\'') break;
            if (IsControl(c)) GiveUp();
            _position++;
        }
        var text = _text.AsSpan(start, _position - start);
        _position++;
        return text.Length <= InternedLength ? _strings.Get(text) : text.ToString();
    }

    // [ values, separated by commas, over any number of lines, with a trailing comma allowed ].
    private TomlNode ReadArray(int line)
    {
        _position++;
        var array = TomlNode.Array(line);
        while (true)
        {
            SkipBlank();
            if (Current == ']') break;
            array.AddItem(ReadValue());
            SkipBlank();
            if (Current == ',')
            {
                _position++;
                continue;
            }
            if (Current != ']') GiveUp();
            break;
        }
        _position++;
        return array;
    }

    // { key = value, … } on one line, no trailing comma; complete once closed.
    private TomlNode ReadInlineTable(int line)
    {
        _position++;
        var table = TomlNode.Table(line);
        table.Origin = TomlOrigin.Inline;
        SkipSpaces();
        if (Current == '}')
        {
            _position++;
            return table;
        }
        while (true)
        {
            int keyLine = _line;
            ReadKeyValue(table, keyLine, TomlOrigin.InlineDotted);
            table.SetLineIfUnknown(keyLine);
            SkipSpaces();
            if (Current == ',')
            {
                _position++;
                continue;
            }
            if (Current != '}') GiveUp();
            _position++;
            return table;
        }
    }
}
