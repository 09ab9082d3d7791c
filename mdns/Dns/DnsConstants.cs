// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Dns;

/// <summary>Record types used by mDNS/DNS-SD (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 4034).</summary>
internal static class DnsType
{
    public const ushort A = 1;
    public const ushort Ptr = 12;
    public const ushort Txt = 16;
    public const ushort Aaaa = 28;
    public const ushort Srv = 33;
    public const ushort Nsec = 47;
    public const ushort Any = 255;
}

internal static class DnsConstants
{
    public const ushort ClassIn = 1;

    // RFC 6762 §18.12: top bit of a question's qclass is the unicast-response (QU) bit.
    public const ushort ClassQuBit = 0x8000;

    // RFC 6762 §10.2: top bit of a record's rrclass in a response is the cache-flush bit.
    public const ushort ClassCacheFlushBit = 0x8000;

    public const ushort ClassMask = 0x7FFF;

    // RFC 1035 §4.1.1 flags: QR (bit 15), opcode (bits 11-14), AA (bit 10), TC (bit 9), rcode (bits 0-3).
    public const ushort FlagResponse = 0x8000;
    public const ushort FlagAuthoritative = 0x0400;
    public const ushort FlagTruncated = 0x0200;
    public const ushort OpcodeMask = 0x7800;
    public const ushort RcodeMask = 0x000F;

    // RFC 6762 §18: responses carry QR and AA (0x8400).
    public const ushort ResponseFlags = FlagResponse | FlagAuthoritative;

    public const int HeaderLength = 12;

    // RFC 1035 §2.3.4: labels are at most 63 bytes, names at most 255 bytes on the wire.
    public const int MaxLabelLength = 63;
    public const int MaxNameLength = 255;

    // RFC 1035 §4.1.4: a compression pointer starts with the two high bits set.
    public const byte PointerMask = 0xC0;

    // RFC 6762 §17: an mDNS message may be up to 9000 bytes (jumbo frames).
    public const int MaxMessageLength = 9000;

    public const int MdnsPort = 5353;
}
