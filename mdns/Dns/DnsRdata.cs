// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Mdns.Dns;

/// <summary>Typed access to rdata of the record types mDNS/DNS-SD uses. All methods are bounds-checked.</summary>
internal static class DnsRdata
{
    // RFC 1035 §3.3.12: PTR rdata is one domain name (avahi compresses it).
    public static bool TryReadPtr(ReadOnlySpan<byte> packet, in DnsRecordView record, out int targetOffset)
    {
        targetOffset = record.RdataOffset;
        return DnsName.TrySkip(packet, targetOffset, out int end) && end <= record.RdataOffset + record.RdataLength;
    }

    // RFC 2782: SRV rdata is priority, weight, port (16 bits each), then the target name.
    public static bool TryReadSrv(
        ReadOnlySpan<byte> packet, in DnsRecordView record,
        out ushort priority, out ushort weight, out ushort port, out int targetOffset)
    {
        priority = weight = port = 0;
        targetOffset = record.RdataOffset + 6;
        if (record.RdataLength < 7)
        {
            return false;
        }

        var rdata = packet.Slice(record.RdataOffset, record.RdataLength);
        priority = BinaryPrimitives.ReadUInt16BigEndian(rdata);
        weight = BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]);
        port = BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]);
        return DnsName.TrySkip(packet, targetOffset, out int end) && end <= record.RdataOffset + record.RdataLength;
    }

    // RFC 1035 §3.4.1: A rdata is a 4-byte address; RFC 3596 §2.2: AAAA is 16 bytes.
    public static bool TryReadAddress(ReadOnlySpan<byte> packet, in DnsRecordView record, out ReadOnlySpan<byte> address)
    {
        int expected = record.Type == DnsType.A ? 4 : record.Type == DnsType.Aaaa ? 16 : -1;
        address = expected == record.RdataLength ? packet.Slice(record.RdataOffset, expected) : default;
        return expected == record.RdataLength;
    }

    // RFC 1035 §3.3.14 / RFC 6763 §6.1: TXT rdata is length-prefixed strings (empty rdata tolerated, §6.1).
    public static bool IsValidTxt(ReadOnlySpan<byte> rdata)
    {
        int i = 0;
        while (i < rdata.Length)
        {
            i += 1 + rdata[i];
        }

        return i == rdata.Length;
    }
}

/// <summary>Walks the strings of TXT rdata (RFC 6763 §6.1) without allocating.</summary>
internal ref struct TxtStringEnumerator
{
    private readonly ReadOnlySpan<byte> _rdata;
    private int _position;

    public TxtStringEnumerator(ReadOnlySpan<byte> rdata)
    {
        _rdata = rdata;
        _position = 0;
    }

    public bool MoveNext(out ReadOnlySpan<byte> text)
    {
        text = default;
        if (_position >= _rdata.Length)
        {
            return false;
        }

        int length = _rdata[_position];
        if (length > _rdata.Length - _position - 1)
        {
            _position = _rdata.Length;
            return false;
        }

        text = _rdata.Slice(_position + 1, length);
        _position += 1 + length;
        return true;
    }
}
