// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Text;

namespace Flowr.Runtime.Protocol;

/// <summary>Writes protocol fields (PROTOCOL.md, "Encoding") into a <see cref="FrameBuffer"/>.</summary>
public readonly ref struct ProtocolWriter
{
    /// <summary>A LEB128 u64 takes at most 10 bytes.</summary>
    private const int MaxVarIntSize = 10;
    private readonly FrameBuffer _buffer;

    public ProtocolWriter(FrameBuffer buffer) => _buffer = buffer;

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void WriteUInt64Fixed(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Unsigned LEB128: 7 bits per byte, low first, high bit set on all but the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarUInt(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(MaxVarIntSize);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    /// <summary>A UTF-8 string: byte length as a varint, then the bytes.</summary>
    public void WriteString(string value)
    {
        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((ulong)byteCount);
        int written = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(byteCount));
        _buffer.Advance(written);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}
