// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Tests.Fuzz;
using Xunit;

namespace Flowr.Mdns.Tests.Dns;

/// <summary>Allocation gate: the reader and writer paths allocate nothing.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void ReaderWalkOfCapturedResponsesAllocatesNothing()
    {
        foreach (var packet in SeedPackets.Captured)
        {
            Walk(packet);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Walk(packet);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void WritingAnAnnouncementAllocatesNothing()
    {
        var records = new[]
        {
            new DnsRecord { Name = "_flowr._tcp.local", Type = DnsType.Ptr, Ttl = 4500, Target = "jobs._flowr._tcp.local" },
            new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Ttl = 120, Port = 40123, Target = "flowr-vm.local" },
            new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Txt, Ttl = 4500, Txt = [7, .. "proto=1"u8] },
            new DnsRecord { Name = "flowr-vm.local", Type = DnsType.A, Ttl = 120, Address = IPAddress.Parse("10.251.0.3") },
        };
        var buffer = new byte[1500];
        Write(buffer, records);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int length = Write(buffer, records);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(DnsMessage.TryParse(buffer.AsSpan(0, length), out var message));
        Assert.Equal(4, message.Answers.Count);
    }

    private static int Write(byte[] buffer, DnsRecord[] records)
    {
        var writer = new DnsWriter(buffer, stackalloc ushort[64]);
        writer.WriteHeader(new DnsHeader(0, DnsConstants.ResponseFlags, 0, (ushort)records.Length, 0, 0));
        foreach (var record in records)
        {
            DnsRecordWriter.Write(ref writer, record, record.Ttl, record.Type != DnsType.Ptr);
        }

        return writer.Length;
    }

    private static int Walk(ReadOnlySpan<byte> packet)
    {
        var reader = new DnsReader(packet);
        Assert.True(reader.TryReadHeader(out var header));
        for (int i = 0; i < header.QuestionCount; i++)
        {
            Assert.True(reader.TryReadQuestion(out _));
        }

        int sum = 0;
        for (int i = 0; i < header.AnswerCount + header.AuthorityCount + header.AdditionalCount; i++)
        {
            Assert.True(reader.TryReadRecord(out var r));
            sum += DnsName.Equals(packet, r.NameOffset, "jobs._flowr._tcp.local") ? 1 : 0;
            sum += r.Type == DnsType.Srv && DnsRdata.TryReadSrv(packet, r, out _, out _, out ushort port, out _) ? port : 0;
        }

        return sum;
    }
}
