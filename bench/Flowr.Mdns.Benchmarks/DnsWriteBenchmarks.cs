// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using BenchmarkDotNet.Attributes;
using Flowr.Mdns.Dns;

namespace Flowr.Mdns.Benchmarks;

/// <summary>Writing an announcement (PTR, SRV, TXT, A) with name compression into a buffer: 0 B expected.</summary>
[MemoryDiagnoser]
public class DnsWriteBenchmarks
{
    private readonly byte[] _buffer = new byte[1500];
    private DnsRecord[] _records = [];

    [GlobalSetup]
    public void Setup() => _records =
    [
        new DnsRecord { Name = "_flowr._tcp.local", Type = DnsType.Ptr, Ttl = 4500, Target = "jobs._flowr._tcp.local" },
        new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Ttl = 120, Port = 40123, Target = "flowr-vm.local" },
        new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Txt, Ttl = 4500, Txt = DnsRecordWriter.EncodeTxt(new Dictionary<string, string> { ["proto"] = "1" }) },
        new DnsRecord { Name = "flowr-vm.local", Type = DnsType.A, Ttl = 120, Address = IPAddress.Parse("10.251.0.3") },
    ];

    [Benchmark]
    public int WriteAnnouncement()
    {
        var writer = new DnsWriter(_buffer, stackalloc ushort[64]);
        writer.WriteHeader(new DnsHeader(0, DnsConstants.ResponseFlags, 0, (ushort)_records.Length, 0, 0));
        foreach (var record in _records)
        {
            DnsRecordWriter.Write(ref writer, record, record.Ttl, record.Type != DnsType.Ptr);
        }

        return writer.Length;
    }
}
