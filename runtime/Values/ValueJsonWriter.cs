// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Flowr.Runtime.Values;

/// <summary>
/// Writes values as UTF-8 JSON text exactly as serde_json does (docs/values.md): compact
/// (no spaces) or pretty (serde_json's PrettyFormatter, two-space indent).
/// </summary>
internal static class ValueJsonWriter
{
    // Longest integer text: "-9223372036854775808" or "18446744073709551615" (20 bytes).
    internal const int MaxNumberLength = FloatFormatter.MaxLength;
    private const int Utf8Chunk = 2048;

    private static readonly SearchValues<char> s_escaped = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    public static void WriteCompact(in Value value, IBufferWriter<byte> writer)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
                WriteString((string)value.RawReference!, writer);
                return;
            case ValueKind.Array:
            {
                var items = (Value[])value.RawReference!;
                WriteByte(writer, (byte)'[');
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0) WriteByte(writer, (byte)',');
                    WriteCompact(items[i], writer);
                }
                WriteByte(writer, (byte)']');
                return;
            }
            case ValueKind.Object:
            {
                var members = ((ValueObject)value.RawReference!).Members;
                WriteByte(writer, (byte)'{');
                for (int i = 0; i < members.Length; i++)
                {
                    if (i > 0) WriteByte(writer, (byte)',');
                    WriteString(members[i].Key, writer);
                    WriteByte(writer, (byte)':');
                    WriteCompact(members[i].Value, writer);
                }
                WriteByte(writer, (byte)'}');
                return;
            }
            default:
                WriteScalar(value, writer);
                return;
        }
    }

    /// <summary>serde_json's PrettyFormatter; <paramref name="depth"/> is the indent level the value starts at.</summary>
    public static void WritePretty(in Value value, IBufferWriter<byte> writer, int depth)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
                WriteString((string)value.RawReference!, writer);
                return;
            case ValueKind.Array:
            {
                var items = (Value[])value.RawReference!;
                WriteByte(writer, (byte)'[');
                if (items.Length == 0)
                {
                    WriteByte(writer, (byte)']');
                    return;
                }
                for (int i = 0; i < items.Length; i++)
                {
                    if (i > 0) WriteByte(writer, (byte)',');
                    WriteNewLine(writer, depth + 1);
                    WritePretty(items[i], writer, depth + 1);
                }
                WriteNewLine(writer, depth);
                WriteByte(writer, (byte)']');
                return;
            }
            case ValueKind.Object:
            {
                var members = ((ValueObject)value.RawReference!).Members;
                WriteByte(writer, (byte)'{');
                if (members.Length == 0)
                {
                    WriteByte(writer, (byte)'}');
                    return;
                }
                for (int i = 0; i < members.Length; i++)
                {
                    if (i > 0) WriteByte(writer, (byte)',');
                    WriteNewLine(writer, depth + 1);
                    WriteString(members[i].Key, writer);
                    WriteRaw(writer, ": "u8);
                    WritePretty(members[i].Value, writer, depth + 1);
                }
                WriteNewLine(writer, depth);
                WriteByte(writer, (byte)'}');
                return;
            }
            default:
                WriteScalar(value, writer);
                return;
        }
    }

    /// <summary>A newline then two spaces per level.</summary>
    public static void WriteNewLine(IBufferWriter<byte> writer, int depth)
    {
        int length = 1 + 2 * depth;
        var span = writer.GetSpan(length);
        span[0] = (byte)'\n';
        span.Slice(1, length - 1).Fill((byte)' ');
        writer.Advance(length);
    }

    /// <summary>Null, a boolean or a number.</summary>
    public static void WriteScalar(in Value value, IBufferWriter<byte> writer)
    {
        var span = writer.GetSpan(MaxNumberLength);
        TryFormatScalar(value, span, out int written);
        writer.Advance(written);
    }

    /// <summary>Formats null, a boolean or a number; false for other kinds or a short destination.</summary>
    public static bool TryFormatScalar(in Value value, Span<byte> destination, out int written)
    {
        switch (value.Kind)
        {
            case ValueKind.Null: return TryCopy("null"u8, destination, out written);
            case ValueKind.Boolean: return TryCopy(value.RawBits != 0 ? "true"u8 : "false"u8, destination, out written);
            case ValueKind.PositiveInteger: return value.RawBits.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
            case ValueKind.NegativeInteger: return ((long)value.RawBits).TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
            case ValueKind.Float: return FloatFormatter.TryFormat(BitConverter.UInt64BitsToDouble(value.RawBits), destination, out written);
            default:
                written = 0;
                return false;
        }
    }

    private static bool TryCopy(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        if (!text.TryCopyTo(destination))
        {
            written = 0;
            return false;
        }
        written = text.Length;
        return true;
    }

    /// <summary>A JSON string with serde_json's escaping (docs/values.md).</summary>
    public static void WriteString(string text, IBufferWriter<byte> writer)
    {
        WriteByte(writer, (byte)'"');
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            int special = rest.IndexOfAny(s_escaped);
            int run = special < 0 ? rest.Length : special;
            if (run > 0) WriteUtf8(rest[..run], writer);
            if (special < 0) break;
            WriteEscape(rest[special], writer);
            rest = rest[(special + 1)..];
        }
        WriteByte(writer, (byte)'"');
    }

    // serde_json: " → \", \ → \\, U+0008 \b, U+000C \f, U+000A \n, U+000D \r, U+0009 \t, other
    // U+0000–U+001F as \u00xx in lower-case hex.
    private static void WriteEscape(char c, IBufferWriter<byte> writer)
    {
        byte simple = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\f' => (byte)'f',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            _ => 0,
        };
        if (simple != 0)
        {
            var pair = writer.GetSpan(2);
            pair[0] = (byte)'\\';
            pair[1] = simple;
            writer.Advance(2);
            return;
        }
        var span = writer.GetSpan(6);
        "\\u00"u8.CopyTo(span);
        span[4] = HexDigits[c >> 4];
        span[5] = HexDigits[c & 0xF];
        writer.Advance(6);
    }

    // NOTE: a lone surrogate (possible in a .NET string, never in a Rust one) becomes U+FFFD.
    private static void WriteUtf8(ReadOnlySpan<char> chars, IBufferWriter<byte> writer)
    {
        while (!chars.IsEmpty)
        {
            int take = Math.Min(chars.Length, Utf8Chunk);
            var span = writer.GetSpan(take * 3);
            Utf8.FromUtf16(chars[..take], span, out int read, out int written, replaceInvalidSequences: true,
                isFinalBlock: take == chars.Length);
            writer.Advance(written);
            chars = chars[read..];
        }
    }

    public static void WriteRaw(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        var span = writer.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        writer.Advance(bytes.Length);
    }

    public static void WriteByte(IBufferWriter<byte> writer, byte b)
    {
        writer.GetSpan(1)[0] = b;
        writer.Advance(1);
    }
}
