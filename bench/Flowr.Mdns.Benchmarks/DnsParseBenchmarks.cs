// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Attributes;
using Flowr.Mdns.Dns;

namespace Flowr.Mdns.Benchmarks;

/// <summary>
/// Parsing typical responses. The reader walk must allocate 0 B; the full parse allocates only its
/// results (message, lists sized to fit, records, name strings, addresses, TXT bytes).
/// </summary>
[MemoryDiagnoser]
public class DnsParseBenchmarks
{
    [Benchmark(Baseline = true)]
    public int ReaderWalkAvahi() => Walk(Packets.Avahi);

    [Benchmark]
    public int ReaderWalkZeroconf() => Walk(Packets.Zeroconf);

    [Benchmark]
    public int ParseAvahi() => DnsMessage.TryParse(Packets.Avahi, out var m) ? m.Answers.Count : -1;

    [Benchmark]
    public int ParseZeroconf() => DnsMessage.TryParse(Packets.Zeroconf, out var m) ? m.Additionals.Count : -1;

    [Benchmark]
    public bool MatchServiceNameAvahi()
    {
        var reader = new DnsReader(Packets.Avahi);
        reader.TryReadHeader(out _);
        reader.TryReadRecord(out var txt);
        return DnsName.Equals(Packets.Avahi, txt.NameOffset, "jobs._flowr._tcp.local");
    }

    /// <summary>Reads every record and decodes typed rdata offsets, as the responder's conflict check does.</summary>
    private static int Walk(ReadOnlySpan<byte> packet)
    {
        var reader = new DnsReader(packet);
        if (!reader.TryReadHeader(out var header))
        {
            return -1;
        }

        for (int i = 0; i < header.QuestionCount; i++)
        {
            reader.TryReadQuestion(out _);
        }

        int sum = 0;
        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records && reader.TryReadRecord(out var r); i++)
        {
            sum += r.Type switch
            {
                DnsType.Srv => DnsRdata.TryReadSrv(packet, r, out _, out _, out ushort port, out _) ? port : 0,
                DnsType.Ptr => DnsRdata.TryReadPtr(packet, r, out int target) ? target : 0,
                DnsType.A => DnsRdata.TryReadAddress(packet, r, out var a) ? a[3] : 0,
                _ => r.RdataLength,
            };
        }

        return sum;
    }
}
