// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Flowr.Context;

/// <summary>
/// The runner's standard input, shared by stdio/stdin (all of it) and stdio/readline (one line), so
/// bytes buffered for one are seen by the other. Decodes UTF-8; invalid sequences become U+FFFD.
/// Used only on the context thread.
/// </summary>
internal sealed class StdinReader
{
    private const byte NewLine = (byte)'\n';
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;
    private bool _endOfStream;

    public StdinReader(Stream stream) => _stream = stream;

    /// <summary>Reads everything up to end of input; false when that was 0 bytes.</summary>
    public bool TryReadToEnd([NotNullWhen(true)] out string? text)
    {
        while (Fill()) { }
        return TryTake(_end - _start, out text);
    }

    /// <summary>Reads one line including its <c>\n</c> (the last line may lack it); false at end of
    /// input with 0 bytes read.</summary>
    public bool TryReadLine([NotNullWhen(true)] out string? line)
    {
        int searched = 0;
        while (true)
        {
            int index = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf(NewLine);
            if (index >= 0) return TryTake(searched + index + 1, out line);
            searched = _end - _start;
            if (!Fill()) return TryTake(_end - _start, out line);
        }
    }

    private bool TryTake(int count, [NotNullWhen(true)] out string? text)
    {
        if (count == 0)
        {
            text = null;
            return false;
        }
        text = Utf8.GetString(_buffer, _start, count);
        _start += count;
        return true;
    }

    // Reads more bytes after the buffered ones; false at end of input.
    private bool Fill()
    {
        if (_endOfStream) return false;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }
        _end += read;
        return true;
    }
}
