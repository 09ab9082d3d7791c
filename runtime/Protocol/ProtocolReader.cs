// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Text;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// Reads protocol fields from the body of one whole frame. A frame is complete when this reader
/// sees it, so a field that runs past the end is malformed and throws <see cref="ProtocolException"/>.
/// </summary>
public ref struct ProtocolReader
{
    private readonly ReadOnlySpan<byte> _body;
    private int _position;

    public ProtocolReader(ReadOnlySpan<byte> body)
    {
        _body = body;
        _position = 0;
    }

    public readonly int Remaining => _body.Length - _position;

    public readonly bool IsAtEnd => _position == _body.Length;

    public byte ReadByte()
    {
        if ((uint)_position >= (uint)_body.Length) ProtocolThrow.Truncated();
        return _body[_position++];
    }

    public ushort ReadUInt16()
    {
        if (Remaining < 2) ProtocolThrow.Truncated();
        ushort value = BinaryPrimitives.ReadUInt16LittleEndian(_body.Slice(_position));
        _position += 2;
        return value;
    }

    public ulong ReadUInt64Fixed()
    {
        if (Remaining < 8) ProtocolThrow.Truncated();
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_body.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>Unsigned LEB128, at most 10 bytes; longer or overflowing encodings are malformed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarUInt()
    {
        if (_position < _body.Length && _body[_position] < 0x80) return _body[_position++];
        return ReadVarUIntSlow();
    }

    /// <summary>A varint that must fit an int and be ≤ <paramref name="max"/>.</summary>
    public int ReadLength(int max)
    {
        ulong value = ReadVarUInt();
        if (value > (ulong)max) ProtocolThrow.Malformed($"length {value} over {max}");
        return (int)value;
    }

    public string ReadString()
    {
        // NOTE: the bound is what is left after the length itself, so it is read first.
        ulong declared = ReadVarUInt();
        if (declared > (ulong)Remaining) ProtocolThrow.Malformed($"string of {declared} bytes, {Remaining} left");
        int length = (int)declared;
        try
        {
            string value = StrictUtf8.GetString(_body.Slice(_position, length));
            _position += length;
            return value;
        }
        catch (DecoderFallbackException)
        {
            ProtocolThrow.Malformed("string is not UTF-8");
            return null;
        }
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || Remaining < count) ProtocolThrow.Truncated();
        var bytes = _body.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>Fails when bytes are left over: a message must use its whole frame.</summary>
    public readonly void EnsureAtEnd()
    {
        if (!IsAtEnd) ProtocolThrow.Malformed($"{Remaining} unexpected byte(s) after the message");
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong ReadVarUIntSlow()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 63 && b > 1) ProtocolThrow.Malformed("varint overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        ProtocolThrow.Malformed("varint longer than 10 bytes");
        return 0;
    }
}
