// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;

namespace Flowr.Mdns.Internal;

/// <summary>A message being assembled by the responder or browser, serialised with <see cref="DnsWriter"/>.</summary>
internal sealed class OutgoingMessage
{
    public ushort Id { get; init; }

    public ushort Flags { get; init; }

    public List<DnsQuestion> Questions { get; } = [];

    public List<(DnsRecord Record, bool CacheFlush)> Answers { get; } = [];

    public List<(DnsRecord Record, bool CacheFlush)> Authorities { get; } = [];

    public List<(DnsRecord Record, bool CacheFlush)> Additionals { get; } = [];

    /// <summary>When set, every TTL is replaced (0 for goodbyes, RFC 6762 §10.1).</summary>
    public uint? TtlOverride { get; init; }

    /// <summary>When set, TTLs are capped (10 s for legacy unicast replies, RFC 6762 §6.7).</summary>
    public uint? TtlCap { get; init; }

    public bool IsEmpty => Questions.Count == 0 && Answers.Count == 0 && Authorities.Count == 0;

    public static OutgoingMessage Response() => new() { Flags = DnsConstants.ResponseFlags };

    public static OutgoingMessage Query() => new() { Flags = 0 };

    public bool ContainsAnswer(DnsRecord record) =>
        Answers.Exists(a => a.Record.SameKey(record) && a.Record.SameRdata(record));

    public void AddAnswer(DnsRecord record, bool cacheFlush)
    {
        if (!ContainsAnswer(record))
        {
            Answers.Add((record, cacheFlush));
            Additionals.RemoveAll(a => a.Record.SameKey(record) && a.Record.SameRdata(record));
        }
    }

    public void AddAdditional(DnsRecord record, bool cacheFlush)
    {
        if (!ContainsAnswer(record) && !Additionals.Exists(a => a.Record.SameKey(record) && a.Record.SameRdata(record)))
        {
            Additionals.Add((record, cacheFlush));
        }
    }

    /// <summary>Serialises into <paramref name="buffer"/> and returns the length.</summary>
    public int Write(Span<byte> buffer)
    {
        var writer = new DnsWriter(buffer, stackalloc ushort[128]);
        writer.WriteHeader(new DnsHeader(
            Id, Flags, (ushort)Questions.Count, (ushort)Answers.Count, (ushort)Authorities.Count, (ushort)Additionals.Count));
        foreach (var q in Questions)
        {
            writer.WriteQuestion(q.Name, q.Type, q.UnicastResponse);
        }

        WriteSection(ref writer, Answers);
        WriteSection(ref writer, Authorities);
        WriteSection(ref writer, Additionals);
        return writer.Length;
    }

    public byte[] ToArray()
    {
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
        return buffer[..Write(buffer)].ToArray();
    }

    private void WriteSection(ref DnsWriter writer, List<(DnsRecord Record, bool CacheFlush)> records)
    {
        foreach (var (record, flush) in records)
        {
            uint ttl = TtlOverride ?? record.Ttl;
            if (TtlCap is uint cap && ttl > cap)
            {
                ttl = cap;
            }

            DnsRecordWriter.Write(ref writer, record, ttl, flush);
        }
    }
}
