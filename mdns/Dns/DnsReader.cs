// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Mdns.Dns;

/// <summary>
/// Forward-only reader of a DNS message (RFC 1035 §4.1). Never throws and never allocates: every
/// method reports malformed or short input by returning false, after which the reader is unusable.
/// </summary>
internal ref struct DnsReader
{
    private readonly ReadOnlySpan<byte> _packet;   // whole message: compression pointers are absolute
    private int _position;

    public DnsReader(ReadOnlySpan<byte> packet)
    {
        _packet = packet;
        _position = 0;
    }

    public readonly ReadOnlySpan<byte> Packet => _packet;

    public readonly int Position => _position;

    public readonly bool AtEnd => _position >= _packet.Length;

    // RFC 1035 §4.1.1: the 12-byte header.
    public bool TryReadHeader(out DnsHeader header)
    {
        if (_position != 0 || _packet.Length < DnsConstants.HeaderLength)
        {
            header = default;
            return false;
        }

        header = new DnsHeader(
            BinaryPrimitives.ReadUInt16BigEndian(_packet),
            BinaryPrimitives.ReadUInt16BigEndian(_packet[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(_packet[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(_packet[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(_packet[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(_packet[10..]));
        _position = DnsConstants.HeaderLength;
        return true;
    }

    // RFC 1035 §4.1.2: QNAME, QTYPE, QCLASS. RFC 6762 §5.4: the top bit of QCLASS is the QU bit.
    public bool TryReadQuestion(out DnsQuestionView question)
    {
        question = default;
        int nameOffset = _position;
        if (!DnsName.TrySkip(_packet, nameOffset, out int end) || _packet.Length - end < 4)
        {
            return Fail();
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_packet[end..]);
        ushort rawClass = BinaryPrimitives.ReadUInt16BigEndian(_packet[(end + 2)..]);
        _position = end + 4;
        question = new DnsQuestionView(
            nameOffset, type, (ushort)(rawClass & DnsConstants.ClassMask), (rawClass & DnsConstants.ClassQuBit) != 0);
        return true;
    }

    // RFC 1035 §4.1.3: NAME, TYPE, CLASS, TTL, RDLENGTH, RDATA. RFC 6762 §10.2: top bit of CLASS is cache-flush.
    public bool TryReadRecord(out DnsRecordView record)
    {
        record = default;
        int nameOffset = _position;
        if (!DnsName.TrySkip(_packet, nameOffset, out int end) || _packet.Length - end < 10)
        {
            return Fail();
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_packet[end..]);
        ushort rawClass = BinaryPrimitives.ReadUInt16BigEndian(_packet[(end + 2)..]);
        uint ttl = BinaryPrimitives.ReadUInt32BigEndian(_packet[(end + 4)..]);
        int rdLength = BinaryPrimitives.ReadUInt16BigEndian(_packet[(end + 8)..]);
        int rdOffset = end + 10;

        // Validate the claimed length before any use of it.
        if (rdLength > _packet.Length - rdOffset)
        {
            return Fail();
        }

        _position = rdOffset + rdLength;
        record = new DnsRecordView(
            nameOffset, type, (ushort)(rawClass & DnsConstants.ClassMask),
            (rawClass & DnsConstants.ClassCacheFlushBit) != 0, ttl, rdOffset, rdLength);
        return true;
    }

    private bool Fail()
    {
        _position = _packet.Length;
        return false;
    }
}
