// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns.Dns;

/// <summary>
/// Writes a DNS message into a caller-provided buffer with name compression (RFC 1035 §4.1.4,
/// recommended by RFC 6762 §18.14). Allocation-free; overflowing the buffer throws.
/// </summary>
internal ref struct DnsWriter
{
    private readonly Span<byte> _buffer;
    private readonly Span<ushort> _names;   // offsets of label sequences already written, for compression
    private int _nameCount;
    private int _position;

    /// <param name="buffer">Destination of the message.</param>
    /// <param name="nameOffsets">Scratch space for the compression table (e.g. stackalloc ushort[64]).</param>
    public DnsWriter(Span<byte> buffer, Span<ushort> nameOffsets)
    {
        _buffer = buffer;
        _names = nameOffsets;
        _nameCount = 0;
        _position = 0;
    }

    public readonly int Length => _position;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    // RFC 1035 §4.1.1.
    public void WriteHeader(in DnsHeader header)
    {
        if (_position != 0)
        {
            ThrowHelper.ThrowInvalidOperation("The header must be written first.");
        }

        WriteUInt16(header.Id);
        WriteUInt16(header.Flags);
        WriteUInt16(header.QuestionCount);
        WriteUInt16(header.AnswerCount);
        WriteUInt16(header.AuthorityCount);
        WriteUInt16(header.AdditionalCount);
    }

    /// <summary>Rewrites one of the four counts (index 0..3) once the sections are written.</summary>
    public readonly void PatchCount(int section, ushort count) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(4 + (2 * section))..], count);

    // RFC 1035 §4.1.2; RFC 6762 §5.4 for the QU bit.
    public void WriteQuestion(ReadOnlySpan<char> name, ushort type, bool unicastResponse)
    {
        WriteName(name);
        WriteUInt16(type);
        WriteUInt16((ushort)(DnsConstants.ClassIn | (unicastResponse ? DnsConstants.ClassQuBit : 0)));
    }

    /// <summary>Writes NAME TYPE CLASS TTL and a placeholder RDLENGTH; returns the mark for <see cref="EndRdata"/>.</summary>
    public int BeginRecord(ReadOnlySpan<char> name, ushort type, bool cacheFlush, uint ttl)
    {
        WriteName(name);
        WriteUInt16(type);
        WriteUInt16((ushort)(DnsConstants.ClassIn | (cacheFlush ? DnsConstants.ClassCacheFlushBit : 0)));
        WriteUInt32(ttl);
        WriteUInt16(0);
        return _position;
    }

    /// <summary>Back-patches RDLENGTH of the record started by <see cref="BeginRecord"/>.</summary>
    public readonly void EndRdata(int mark) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(mark - 2)..], (ushort)(_position - mark));

    public void WriteUInt16(ushort value)
    {
        EnsureSpace(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        EnsureSpace(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        EnsureSpace(bytes.Length);
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>Writes one TXT string (RFC 6763 §6.1: a length byte, then at most 255 bytes).</summary>
    public void WriteCharacterString(scoped ReadOnlySpan<byte> text)
    {
        if (text.Length > 255)
        {
            ThrowHelper.ThrowArgument("A TXT string is at most 255 bytes.");
        }

        EnsureSpace(1 + text.Length);
        _buffer[_position++] = (byte)text.Length;
        text.CopyTo(_buffer[_position..]);
        _position += text.Length;
    }

    /// <summary>
    /// Writes a dotted name, compressed against names written earlier. The name is first written in full,
    /// then the longest suffix already present is replaced by a pointer.
    /// </summary>
    public void WriteName(scoped ReadOnlySpan<char> name)
    {
        int start = _position;
        Span<int> labelStarts = stackalloc int[128];
        int labelCount = 0;
        Span<byte> label = stackalloc byte[DnsConstants.MaxNameLength];
        var text = new TextLabelEnumerator(name);
        while (text.MoveNext(label, out int length))
        {
            EnsureSpace(1 + length);
            labelStarts[labelCount++] = _position;
            _buffer[_position++] = (byte)length;
            label[..length].CopyTo(_buffer[_position..]);
            _position += length;
        }

        if (text.Failed || _position - start + 1 > DnsConstants.MaxNameLength)
        {
            ThrowHelper.ThrowArgument($"Invalid DNS name '{name}'.");
        }

        EnsureSpace(1);
        _buffer[_position++] = 0;

        for (int i = 0; i < labelCount; i++)
        {
            int match = FindWritten(labelStarts[i]);
            if (match >= 0)
            {
                _position = labelStarts[i];
                WriteUInt16((ushort)(0xC000 | match));
                labelCount = i;
                break;
            }
        }

        for (int i = 0; i < labelCount && _nameCount < _names.Length; i++)
        {
            if (labelStarts[i] <= 0x3FFF)
            {
                _names[_nameCount++] = (ushort)labelStarts[i];
            }
        }
    }

    private readonly int FindWritten(int suffixStart)
    {
        ReadOnlySpan<byte> written = _buffer[.._position];
        for (int i = 0; i < _nameCount; i++)
        {
            if (DnsName.Equals(written, _names[i], written, suffixStart))
            {
                return _names[i];
            }
        }

        return -1;
    }

    private readonly void EnsureSpace(int count)
    {
        if (_buffer.Length - _position < count)
        {
            ThrowHelper.ThrowBufferTooSmall();
        }
    }
}
