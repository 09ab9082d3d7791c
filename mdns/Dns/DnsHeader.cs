// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Dns;

// RFC 1035 §4.1.1: ID, flags, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT, each 16 bits big-endian.
internal readonly record struct DnsHeader(
    ushort Id, ushort Flags, ushort QuestionCount, ushort AnswerCount, ushort AuthorityCount, ushort AdditionalCount)
{
    public bool IsResponse => (Flags & DnsConstants.FlagResponse) != 0;

    public int Opcode => (Flags & DnsConstants.OpcodeMask) >> 11;

    public int Rcode => Flags & DnsConstants.RcodeMask;

    public bool IsTruncated => (Flags & DnsConstants.FlagTruncated) != 0;
}

/// <summary>A question as it sits in the packet; the name is an offset into the packet.</summary>
internal readonly record struct DnsQuestionView(int NameOffset, ushort Type, ushort Class, bool UnicastResponse);

/// <summary>A resource record as it sits in the packet; name and rdata are offsets into the packet.</summary>
internal readonly record struct DnsRecordView(
    int NameOffset, ushort Type, ushort Class, bool CacheFlush, uint Ttl, int RdataOffset, int RdataLength);
