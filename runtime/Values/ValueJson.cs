// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Flowr.Runtime.Values;

/// <summary>
/// JSON text for flow values with serde_json's behaviour (docs/values.md): parsing, compact
/// writing (what flow prints and sends) and pretty writing (what <c>manifest.json</c> uses).
/// </summary>
public static class ValueJson
{
    // Inputs up to this many UTF-16 chars are transcoded on the stack.
    private const int StackTranscodeChars = 256;
    private const int MaxCachedBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Parses UTF-8 JSON text; throws <see cref="FormatException"/> naming the byte position and the problem.</summary>
    public static Value Parse(ReadOnlySpan<byte> utf8)
    {
        var parser = new ValueJsonParser(utf8);
        if (!parser.TryParseDocument(out Value value)) ThrowFormat(parser.Error!, parser.ErrorPosition);
        return value;
    }

    /// <summary>Parses JSON text; throws <see cref="FormatException"/> naming the (UTF-8) byte position and the problem.</summary>
    public static Value Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        byte[]? rented = null;
        Span<byte> utf8 = text.Length <= StackTranscodeChars
            ? stackalloc byte[StackTranscodeChars * 3]
            : (rented = ArrayPool<byte>.Shared.Rent(text.Length * 3));
        try
        {
            if (!TryTranscode(text, utf8, out int length, out int errorPosition))
            {
                ThrowFormat("lone surrogate in the text", errorPosition);
            }
            return Parse(utf8[..length]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses UTF-8 JSON text; false (never an exception) when it is not valid JSON.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Value value)
    {
        var parser = new ValueJsonParser(utf8);
        return parser.TryParseDocument(out value);
    }

    /// <summary>Parses JSON text; false (never an exception) when it is null or not valid JSON.</summary>
    public static bool TryParse(string? text, out Value value)
    {
        value = default;
        if (text is null) return false;
        byte[]? rented = null;
        Span<byte> utf8 = text.Length <= StackTranscodeChars
            ? stackalloc byte[StackTranscodeChars * 3]
            : (rented = ArrayPool<byte>.Shared.Rent(text.Length * 3));
        try
        {
            return TryTranscode(text, utf8, out int length, out _) && TryParse(utf8[..length], out value);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes compact JSON (no spaces, serde_json escaping) as UTF-8.</summary>
    public static void WriteCompact(in Value value, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ValueJsonWriter.WriteCompact(value, writer);
    }

    /// <summary>Writes serde_json's pretty format (two-space indent, <c>"key": value</c>) as UTF-8.</summary>
    public static void WritePretty(in Value value, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ValueJsonWriter.WritePretty(value, writer, 0);
    }

    /// <summary>The compact JSON text of a value.</summary>
    public static string ToCompactString(in Value value)
    {
        if (value.Kind == ValueKind.String || value.Kind == ValueKind.Array || value.Kind == ValueKind.Object)
        {
            var buffer = RentBuffer();
            ValueJsonWriter.WriteCompact(value, buffer);
            return ReturnBuffer(buffer);
        }
        Span<byte> scalar = stackalloc byte[ValueJsonWriter.MaxNumberLength];
        ValueJsonWriter.TryFormatScalar(value, scalar, out int written);
        return Encoding.UTF8.GetString(scalar[..written]);
    }

    /// <summary>The pretty JSON text of a value (serde_json's <c>to_string_pretty</c>).</summary>
    public static string ToPrettyString(in Value value)
    {
        var buffer = RentBuffer();
        ValueJsonWriter.WritePretty(value, buffer, 0);
        return ReturnBuffer(buffer);
    }

    /// <summary>
    /// Formats null, a boolean or a number into <paramref name="destination"/> without allocating
    /// (at most <see cref="FloatFormatter.MaxLength"/> bytes). False for strings, arrays and objects,
    /// or when the destination is too short.
    /// </summary>
    public static bool TryFormatScalar(in Value value, Span<byte> destination, out int written) =>
        ValueJsonWriter.TryFormatScalar(value, destination, out written);

    /// <summary>Formats a number into <paramref name="destination"/> without allocating; false when
    /// the value is not a number or the destination is too short.</summary>
    public static bool TryFormatNumber(in Value value, Span<byte> destination, out int written)
    {
        if (!value.IsNumber)
        {
            written = 0;
            return false;
        }
        return ValueJsonWriter.TryFormatScalar(value, destination, out written);
    }

    private static bool TryTranscode(string text, Span<byte> utf8, out int length, out int errorPosition)
    {
        var status = Utf8.FromUtf16(text, utf8, out int read, out length, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            errorPosition = 0;
            return true;
        }
        // The bytes written so far are the UTF-8 offset of the bad character.
        errorPosition = length;
        _ = read;
        return false;
    }

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(256);
        t_buffer = null;
        buffer.ResetWrittenCount();
        return buffer;
    }

    private static string ReturnBuffer(ArrayBufferWriter<byte> buffer)
    {
        string text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity <= MaxCachedBufferBytes) t_buffer = buffer;
        return text;
    }

    [DoesNotReturn]
    private static void ThrowFormat(string problem, int position) =>
        throw new FormatException($"Invalid JSON at byte {position}: {problem}");
}
