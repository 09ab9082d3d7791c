// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Text;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Values;

namespace Flowr.Context;

/// <summary>
/// Writes printed values to stdout or stderr as UTF-8 (no BOM) through one reusable buffer: each line
/// is one write followed by a flush. Numbers, booleans and strings are formatted without allocating.
/// Used only on the context thread.
/// </summary>
internal sealed class TextSink
{
    private const byte NewLine = (byte)'\n';
    private const string Placeholder = "{}";
    // Buffers grown beyond this by a huge value are dropped after use rather than kept for the run.
    private const int MaxKeptCapacity = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private ArrayBufferWriter<byte> _buffer = new(256);

    public TextSink(Stream stream) => _stream = stream;

    /// <summary>True once anything was written (the end-of-run report on flows that printed nothing).</summary>
    public bool HasWritten { get; private set; }

    /// <summary>Set when this stream is the terminal a status line is drawn on: writes erase it first.</summary>
    public bool SharesStatusTerminal { get; set; }

    /// <summary>
    /// stdout (docs/context-functions.md): <c>null</c> prints nothing; otherwise the value's display text
    /// (docs/values.md: strings raw, numbers and booleans as JSON, arrays and objects compact), then <c>\n</c>,
    /// then a flush. A <paramref name="format"/> other than <c>""</c> or <c>"{}"</c> (Era B) has its
    /// first <c>{}</c> replaced by that text; without a <c>{}</c> it is printed as it is.
    /// </summary>
    public void WriteLine(in Value value, string? format = null)
    {
        if (value.IsNull) return;
        if (string.IsNullOrEmpty(format) || format == Placeholder)
        {
            AppendDisplay(value);
        }
        else
        {
            int hole = format.IndexOf(Placeholder, StringComparison.Ordinal);
            if (hole < 0)
            {
                AppendText(format);
            }
            else
            {
                AppendText(format.AsSpan(0, hole));
                AppendDisplay(value);
                AppendText(format.AsSpan(hole + Placeholder.Length));
            }
        }
        _buffer.GetSpan(1)[0] = NewLine;
        _buffer.Advance(1);
        WriteBuffer();
    }

    /// <summary>Writes <paramref name="text"/> without a newline, then flushes (readline's prompt).</summary>
    public void WriteAndFlush(string text)
    {
        AppendText(text);
        WriteBuffer();
    }

    public void Flush() => _stream.Flush();

    private void AppendDisplay(in Value value)
    {
        if (value.TryGetString(out string? text))
        {
            AppendText(text);
            return;
        }
        Span<byte> scalar = _buffer.GetSpan(FloatFormatter.MaxLength);
        if (ValueJson.TryFormatScalar(value, scalar, out int written))
        {
            _buffer.Advance(written);
            return;
        }
        ValueJson.WriteCompact(value, _buffer);
    }

    private void AppendText(ReadOnlySpan<char> text)
    {
        Span<byte> destination = _buffer.GetSpan(Utf8.GetMaxByteCount(text.Length));
        _buffer.Advance(Utf8.GetBytes(text, destination));
    }

    private void WriteAndFlush(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    private void WriteBuffer()
    {
        try
        {
            HasWritten = true;
            if (SharesStatusTerminal && StatusLine.IsActive)
            {
                using (StatusLine.Hide()) WriteAndFlush(_buffer.WrittenSpan);
            }
            else
            {
                WriteAndFlush(_buffer.WrittenSpan);
            }
        }
        finally
        {
            if (_buffer.Capacity > MaxKeptCapacity) _buffer = new ArrayBufferWriter<byte>(256);
            else _buffer.ResetWrittenCount();
        }
    }
}
