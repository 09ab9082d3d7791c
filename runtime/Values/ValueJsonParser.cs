// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Flowr.Runtime.Values;

/// <summary>
/// Parses JSON text (UTF-8) into a <see cref="Value"/> the way serde_json's <c>from_slice::&lt;Value&gt;</c>
/// does (docs/values.md). Errors never throw: they set <see cref="Error"/> and
/// <see cref="ErrorPosition"/> and every method returns false.
/// </summary>
internal ref struct ValueJsonParser
{
    // serde_json's recursion limit: 127 nested arrays/objects parse, the 128th level fails.
    private const int MaxDepth = 128;
    private const int InitialScratch = 16;

    private static readonly SearchValues<byte> s_stringSpecial = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\"u8);

    private readonly ReadOnlySpan<byte> _text;
    private int _pos;
    private int _remainingDepth;
    // NOTE: one scratch stack each for array items and object members, shared by all nesting
    // levels: a container's children sit above its start index until it closes.
    private Value[]? _items;
    private int _itemCount;
    private KeyValuePair<string, Value>[]? _members;
    private int _memberCount;
    private byte[]? _stringBuffer;

    public ValueJsonParser(ReadOnlySpan<byte> text)
    {
        _text = text;
        _remainingDepth = MaxDepth;
    }

    /// <summary>What was wrong, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The byte offset the error was found at.</summary>
    public int ErrorPosition { get; private set; }

    /// <summary>Parses the whole text: one value surrounded by optional whitespace.</summary>
    public bool TryParseDocument(out Value value)
    {
        try
        {
            SkipWhitespace();
            if (!TryParseValue(out value)) return false;
            SkipWhitespace();
            if (_pos < _text.Length) return Fail("trailing characters", out value);
            return true;
        }
        finally
        {
            ReturnScratch();
        }
    }

    private void ReturnScratch()
    {
        if (_items is not null) ArrayPool<Value>.Shared.Return(_items, clearArray: true);
        if (_members is not null) ArrayPool<KeyValuePair<string, Value>>.Shared.Return(_members, clearArray: true);
        if (_stringBuffer is not null) ArrayPool<byte>.Shared.Return(_stringBuffer);
        _items = null;
        _members = null;
        _stringBuffer = null;
    }

    private bool Fail(string message, out Value value) => Fail(message, _pos, out value);

    // The innermost failure names the error; callers up the recursion only propagate it.
    private bool Fail(string message, int position, out Value value)
    {
        value = default;
        return FailString(message, position);
    }

    // RFC 8259 §2: ws = *( %x20 / %x09 / %x0A / %x0D ).
    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            byte c = _text[_pos];
            if (c != (byte)' ' && c != (byte)'\t' && c != (byte)'\n' && c != (byte)'\r') return;
            _pos++;
        }
    }

    private bool TryParseValue(out Value value)
    {
        if (_pos >= _text.Length) return Fail("EOF while parsing a value", out value);
        switch (_text[_pos])
        {
            case (byte)'n': return TryParseLiteral("null"u8, Value.Null, out value);
            case (byte)'t': return TryParseLiteral("true"u8, Value.True, out value);
            case (byte)'f': return TryParseLiteral("false"u8, Value.False, out value);
            case (byte)'"':
                if (!TryParseString(out string? text)) return Fail("invalid string", out value);
                value = Value.FromString(text);
                return true;
            case (byte)'[': return TryParseArray(out value);
            case (byte)'{': return TryParseObject(out value);
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9': return TryParseNumber(out value);
            default: return Fail("expected value", out value);
        }
    }

    private bool TryParseLiteral(ReadOnlySpan<byte> literal, Value result, out Value value)
    {
        for (int i = 0; i < literal.Length; i++, _pos++)
        {
            if (_pos >= _text.Length) return Fail("EOF while parsing a value", out value);
            if (_text[_pos] != literal[i]) return Fail("expected ident", out value);
        }
        value = result;
        return true;
    }

    private bool TryParseArray(out Value value)
    {
        if (--_remainingDepth == 0) return Fail("recursion limit exceeded", out value);
        _pos++;
        SkipWhitespace();
        int start = _itemCount;
        if (_pos < _text.Length && _text[_pos] == (byte)']')
        {
            _pos++;
            _remainingDepth++;
            value = Value.FromArray([]);
            return true;
        }
        while (true)
        {
            if (!TryParseValue(out Value item)) return Fail("invalid array item", out value);
            PushItem(item);
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("EOF while parsing a list", out value);
            byte c = _text[_pos++];
            if (c == (byte)']') break;
            if (c != (byte)',') return Fail("expected `,` or `]`", _pos - 1, out value);
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == (byte)']') return Fail("trailing comma", out value);
        }
        value = Value.FromArray(_items.AsSpan(start, _itemCount - start).ToArray());
        _items.AsSpan(start, _itemCount - start).Clear();
        _itemCount = start;
        _remainingDepth++;
        return true;
    }

    private bool TryParseObject(out Value value)
    {
        if (--_remainingDepth == 0) return Fail("recursion limit exceeded", out value);
        _pos++;
        SkipWhitespace();
        int start = _memberCount;
        if (_pos < _text.Length && _text[_pos] == (byte)'}')
        {
            _pos++;
            _remainingDepth++;
            value = Value.FromObject(ValueObject.Empty);
            return true;
        }
        while (true)
        {
            if (_pos >= _text.Length) return Fail("EOF while parsing an object", out value);
            if (_text[_pos] != (byte)'"') return Fail("key must be a string", out value);
            if (!TryParseString(out string? key)) return Fail("invalid key", out value);
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("EOF while parsing an object", out value);
            if (_text[_pos] != (byte)':') return Fail("expected `:`", out value);
            _pos++;
            SkipWhitespace();
            if (!TryParseValue(out Value member)) return Fail("invalid member", out value);
            PushMember(new(key, member));
            SkipWhitespace();
            if (_pos >= _text.Length) return Fail("EOF while parsing an object", out value);
            byte c = _text[_pos++];
            if (c == (byte)'}') break;
            if (c != (byte)',') return Fail("expected `,` or `}`", _pos - 1, out value);
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == (byte)'}') return Fail("trailing comma", out value);
        }
        var members = _members.AsSpan(start, _memberCount - start);
        value = Value.FromObject(BuildObject(members));
        members.Clear();
        _memberCount = start;
        _remainingDepth++;
        return true;
    }

    // Members usually arrive sorted and unique (flowr writes them that way): then no sort is needed.
    // Otherwise ValueObject.Create sorts stably and keeps the last of a repeated name, as serde_json does.
    private static ValueObject BuildObject(ReadOnlySpan<KeyValuePair<string, Value>> members)
    {
        for (int i = 1; i < members.Length; i++)
        {
            if (Utf8Order.Compare(members[i - 1].Key, members[i].Key) >= 0) return ValueObject.Create(members);
        }
        return ValueObject.FromSorted(members.ToArray());
    }

    [MemberNotNull(nameof(_items))]
    private void PushItem(in Value item)
    {
        if (_items is null) _items = ArrayPool<Value>.Shared.Rent(InitialScratch);
        else if (_itemCount == _items.Length)
        {
            var larger = ArrayPool<Value>.Shared.Rent(_items.Length * 2);
            _items.AsSpan().CopyTo(larger);
            ArrayPool<Value>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }
        _items[_itemCount++] = item;
    }

    [MemberNotNull(nameof(_members))]
    private void PushMember(in KeyValuePair<string, Value> member)
    {
        if (_members is null) _members = ArrayPool<KeyValuePair<string, Value>>.Shared.Rent(InitialScratch);
        else if (_memberCount == _members.Length)
        {
            var larger = ArrayPool<KeyValuePair<string, Value>>.Shared.Rent(_members.Length * 2);
            _members.AsSpan().CopyTo(larger);
            ArrayPool<KeyValuePair<string, Value>>.Shared.Return(_members, clearArray: true);
            _members = larger;
        }
        _members[_memberCount++] = member;
    }

    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ).
    // serde_json: no '.'/'e'/'E' and fits → u64 (≥ 0) or i64 (< 0); "-0" and overflow → f64.
    private bool TryParseNumber(out Value value)
    {
        int start = _pos;
        bool negative = _text[_pos] == (byte)'-';
        if (negative) _pos++;
        if (_pos >= _text.Length) return Fail("EOF while parsing a value", out value);
        byte first = _text[_pos];
        ulong significand = 0;
        bool overflow = false, isFloat = false;
        if (first == (byte)'0')
        {
            _pos++;
            if (_pos < _text.Length && IsDigit(_text[_pos])) return Fail("invalid number", out value);
        }
        else if (IsDigit(first))
        {
            while (_pos < _text.Length && IsDigit(_text[_pos]))
            {
                uint digit = (uint)(_text[_pos] - '0');
                if (significand > (ulong.MaxValue - digit) / 10) overflow = true;
                else significand = significand * 10 + digit;
                _pos++;
            }
        }
        else
        {
            return Fail("invalid number", out value);
        }

        if (_pos < _text.Length && _text[_pos] == (byte)'.')
        {
            _pos++;
            if (!SkipDigits()) return Fail(_pos >= _text.Length ? "EOF while parsing a value" : "invalid number", out value);
            isFloat = true;
        }
        if (_pos < _text.Length && (_text[_pos] == (byte)'e' || _text[_pos] == (byte)'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == (byte)'+' || _text[_pos] == (byte)'-')) _pos++;
            if (!SkipDigits()) return Fail(_pos >= _text.Length ? "EOF while parsing a value" : "invalid number", out value);
            isFloat = true;
        }

        if (!isFloat && !overflow)
        {
            if (!negative) { value = Value.FromUInt64(significand); return true; }
            if (significand != 0 && significand <= (ulong)long.MaxValue + 1)
            {
                value = Value.FromInt64((long)(0UL - significand));
                return true;
            }
        }

        // NOTE: .NET's parser is correctly rounded (IEEE round-half-even), like serde_json with
        // float_roundtrip; it returns ±∞ on overflow, which serde_json rejects.
        double parsed = double.Parse(_text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(parsed)) return Fail("number out of range", start, out value);
        value = Value.FromDouble(parsed);
        return true;
    }

    private bool SkipDigits()
    {
        int start = _pos;
        while (_pos < _text.Length && IsDigit(_text[_pos])) _pos++;
        return _pos > start;
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    // RFC 8259 §7. Starts at the opening quote; leaves _pos after the closing one.
    private bool TryParseString([NotNullWhen(true)] out string? result)
    {
        result = null;
        int start = ++_pos;
        int special = _text[start..].IndexOfAny(s_stringSpecial);
        if (special < 0) return FailString("EOF while parsing a string", _text.Length);
        if (_text[start + special] == (byte)'"')
        {
            // Fast path: no escapes.
            var raw = _text.Slice(start, special);
            if (!CheckUtf8(raw, start)) return false;
            _pos = start + special + 1;
            result = special == 0 ? string.Empty : Encoding.UTF8.GetString(raw);
            return true;
        }
        return TryParseEscapedString(out result);
    }

    private bool TryParseEscapedString([NotNullWhen(true)] out string? result)
    {
        result = null;
        int length = 0;
        while (true)
        {
            int special = _text[_pos..].IndexOfAny(s_stringSpecial);
            if (special < 0) return FailString("EOF while parsing a string", _text.Length);
            var raw = _text.Slice(_pos, special);
            if (!CheckUtf8(raw, _pos)) return false;
            AppendBytes(ref length, raw);
            _pos += special;
            byte c = _text[_pos++];
            if (c == (byte)'"') break;
            if (c != (byte)'\\') return FailString("control character (\\u0000-\\u001F) found while parsing a string", _pos - 1);
            if (!TryParseEscape(ref length)) return false;
        }
        result = Encoding.UTF8.GetString(_stringBuffer.AsSpan(0, length));
        return true;
    }

    // After the backslash: one of " \ / b f n r t, or uXXXX (a surrogate pair as two escapes).
    private bool TryParseEscape(ref int length)
    {
        if (_pos >= _text.Length) return FailString("EOF while parsing a string", _pos);
        byte c = _text[_pos++];
        byte simple = c switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'/' => (byte)'/',
            (byte)'b' => (byte)'\b',
            (byte)'f' => (byte)'\f',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            _ => 0,
        };
        if (simple != 0)
        {
            AppendBytes(ref length, [simple]);
            return true;
        }
        if (c != (byte)'u') return FailString("invalid escape", _pos - 1);
        if (!TryReadHex4(out int unit)) return false;
        int codePoint = unit;
        if (unit is >= 0xDC00 and <= 0xDFFF) return FailString("lone leading surrogate in hex escape", _pos - 6);
        if (unit is >= 0xD800 and <= 0xDBFF)
        {
            if (_pos + 1 >= _text.Length || _text[_pos] != (byte)'\\' || _text[_pos + 1] != (byte)'u')
            {
                return FailString("unexpected end of hex escape", _pos);
            }
            _pos += 2;
            if (!TryReadHex4(out int low)) return false;
            if (low is < 0xDC00 or > 0xDFFF) return FailString("lone leading surrogate in hex escape", _pos - 6);
            codePoint = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        }
        Span<byte> encoded = stackalloc byte[4];
        int count = new Rune(codePoint).EncodeToUtf8(encoded);
        AppendBytes(ref length, encoded[..count]);
        return true;
    }

    private bool TryReadHex4(out int unit)
    {
        unit = 0;
        for (int i = 0; i < 4; i++, _pos++)
        {
            if (_pos >= _text.Length) return FailString("EOF while parsing a string", _pos);
            int digit = HexDigit(_text[_pos]);
            if (digit < 0) return FailString("invalid escape", _pos);
            unit = (unit << 4) | digit;
        }
        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private void AppendBytes(ref int length, scoped ReadOnlySpan<byte> bytes)
    {
        if (_stringBuffer is null || length + bytes.Length > _stringBuffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (length + bytes.Length) * 2));
            if (_stringBuffer is not null)
            {
                _stringBuffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_stringBuffer);
            }
            _stringBuffer = larger;
        }
        bytes.CopyTo(_stringBuffer.AsSpan(length));
        length += bytes.Length;
    }

    // A string's raw bytes must be valid UTF-8 (which also excludes encoded surrogates).
    private bool CheckUtf8(ReadOnlySpan<byte> raw, int offset)
    {
        if (System.Text.Unicode.Utf8.IsValid(raw)) return true;
        int index = 0;
        while (Rune.DecodeFromUtf8(raw[index..], out _, out int consumed) == OperationStatus.Done) index += consumed;
        return FailString("invalid unicode code point", offset + index);
    }

    private bool FailString(string message, int position)
    {
        if (Error is null)
        {
            Error = message;
            ErrorPosition = position;
        }
        return false;
    }
}
