// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Flowr.Mdns.Dns;

/// <summary>
/// A decoded DNS message. Decoding never throws: malformed input yields false. Lists grow only with
/// records actually present (each costs at least 11 bytes), never with the counts a header claims.
/// </summary>
internal sealed class DnsMessage
{
    private static readonly List<DnsQuestion> NoQuestions = [];
    private static readonly List<DnsRecord> NoRecords = [];

    public DnsHeader Header { get; private init; }

    public List<DnsQuestion> Questions { get; private set; } = NoQuestions;

    public List<DnsRecord> Answers { get; private set; } = NoRecords;

    public List<DnsRecord> Authorities { get; private set; } = NoRecords;

    public List<DnsRecord> Additionals { get; private set; } = NoRecords;

    public bool IsResponse => Header.IsResponse;

    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out DnsMessage? message)
    {
        message = null;
        var reader = new DnsReader(packet);
        if (!reader.TryReadHeader(out var header))
        {
            return false;
        }

        var result = new DnsMessage { Header = header };
        for (int i = 0; i < header.QuestionCount; i++)
        {
            if (!reader.TryReadQuestion(out var q) || !DnsName.TryRead(packet, q.NameOffset, out var name))
            {
                return false;
            }

            if (result.Questions == NoQuestions)
            {
                result.Questions = new List<DnsQuestion>(Capacity(header.QuestionCount - i, packet.Length - reader.Position, 5));
            }

            result.Questions.Add(new DnsQuestion(name, q.Type, q.UnicastResponse));
        }

        if (!TryReadSection(ref reader, header.AnswerCount, result, 0)
            || !TryReadSection(ref reader, header.AuthorityCount, result, 1)
            || !TryReadSection(ref reader, header.AdditionalCount, result, 2))
        {
            return false;
        }

        message = result;
        return true;
    }

    private static bool TryReadSection(ref DnsReader reader, int count, DnsMessage message, int section)
    {
        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadRecord(out var view) || !TryDecode(reader.Packet, view, out var record))
            {
                return false;
            }

            message.Add(section, record, Capacity(count - i, reader.Packet.Length - reader.Position, 11));
        }

        return true;
    }

    // NOTE: a list is sized from the count the header claims, but never beyond what the rest of the
    // packet can hold (a question needs ≥ 5 more bytes, a record ≥ 11), so no garbage from list growth
    // and no allocation in proportion to a false claim.
    private static int Capacity(int claimed, int remainingBytes, int minBytesEach) =>
        1 + Math.Min(claimed - 1, remainingBytes / minBytesEach);

    private void Add(int section, DnsRecord record, int capacity)
    {
        switch (section)
        {
            case 0:
                Answers = Answers == NoRecords ? new List<DnsRecord>(capacity) : Answers;
                Answers.Add(record);
                break;
            case 1:
                Authorities = Authorities == NoRecords ? new List<DnsRecord>(capacity) : Authorities;
                Authorities.Add(record);
                break;
            default:
                Additionals = Additionals == NoRecords ? new List<DnsRecord>(capacity) : Additionals;
                Additionals.Add(record);
                break;
        }
    }

    /// <summary>Decodes one record's rdata by type; unknown types are kept as opaque bytes (RFC 3597 §5).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, in DnsRecordView view, [NotNullWhen(true)] out DnsRecord? record)
    {
        record = null;
        if (!DnsName.TryRead(packet, view.NameOffset, out var name))
        {
            return false;
        }

        switch (view.Type)
        {
            case DnsType.Ptr:
                if (!DnsRdata.TryReadPtr(packet, view, out int ptrTarget) || !DnsName.TryRead(packet, ptrTarget, out var ptr))
                {
                    return false;
                }

                record = new DnsRecord { Name = name, Type = view.Type, Class = view.Class, CacheFlush = view.CacheFlush, Ttl = view.Ttl, Target = ptr };
                return true;

            case DnsType.Srv:
                if (!DnsRdata.TryReadSrv(packet, view, out var priority, out var weight, out var port, out int srvTarget)
                    || !DnsName.TryRead(packet, srvTarget, out var target))
                {
                    return false;
                }

                record = new DnsRecord
                {
                    Name = name, Type = view.Type, Class = view.Class, CacheFlush = view.CacheFlush, Ttl = view.Ttl,
                    Priority = priority, Weight = weight, Port = port, Target = target,
                };
                return true;

            case DnsType.A or DnsType.Aaaa:
                if (!DnsRdata.TryReadAddress(packet, view, out var address))
                {
                    return false;
                }

                record = new DnsRecord { Name = name, Type = view.Type, Class = view.Class, CacheFlush = view.CacheFlush, Ttl = view.Ttl, Address = new IPAddress(address) };
                return true;

            case DnsType.Txt:
                var txt = packet.Slice(view.RdataOffset, view.RdataLength);
                if (!DnsRdata.IsValidTxt(txt))
                {
                    return false;
                }

                record = new DnsRecord { Name = name, Type = view.Type, Class = view.Class, CacheFlush = view.CacheFlush, Ttl = view.Ttl, Txt = txt.ToArray() };
                return true;

            default:
                record = new DnsRecord
                {
                    Name = name, Type = view.Type, Class = view.Class, CacheFlush = view.CacheFlush, Ttl = view.Ttl,
                    Opaque = packet.Slice(view.RdataOffset, view.RdataLength).ToArray(),
                };
                return true;
        }
    }
}
