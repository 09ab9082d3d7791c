// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Xunit;

namespace Flowr.Mdns.Tests.Dns;

public sealed class DnsCodecTests
{
    [Fact]
    public void RoundTripsResponseWithCompression()
    {
        var buffer = new byte[1500];
        var writer = new DnsWriter(buffer, stackalloc ushort[64]);
        writer.WriteHeader(new DnsHeader(0, DnsConstants.ResponseFlags, 0, 4, 0, 0));
        var ptr = new DnsRecord { Name = "_flowr._tcp.local", Type = DnsType.Ptr, Ttl = 4500, Target = "jobs._flowr._tcp.local" };
        var srv = new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Ttl = 120, Port = 40123, Target = "flowr-vm.local" };
        var txt = new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Txt, Ttl = 4500, Txt = DnsRecordWriter.EncodeTxt(new Dictionary<string, string> { ["proto"] = "1" }) };
        var a = new DnsRecord { Name = "flowr-vm.local", Type = DnsType.A, Ttl = 120, Address = IPAddress.Parse("10.251.0.3") };
        DnsRecordWriter.Write(ref writer, ptr, ptr.Ttl, false);
        DnsRecordWriter.Write(ref writer, srv, srv.Ttl, true);
        DnsRecordWriter.Write(ref writer, txt, txt.Ttl, true);
        DnsRecordWriter.Write(ref writer, a, a.Ttl, true);
        var bytes = writer.Written.ToArray();

        // "local" appears once in full; everything else is compressed.
        Assert.Equal(1, CountOccurrences(bytes, "\u0005local"u8.ToArray()));
        Assert.True(bytes.Length < 140, $"compressed length {bytes.Length}");

        Assert.True(DnsMessage.TryParse(bytes, out var message));
        Assert.True(message.IsResponse);
        Assert.Equal(4, message.Answers.Count);
        Assert.Equal("jobs._flowr._tcp.local", message.Answers[0].Target);
        Assert.False(message.Answers[0].CacheFlush);
        Assert.Equal(40123, message.Answers[1].Port);
        Assert.Equal("flowr-vm.local", message.Answers[1].Target);
        Assert.True(message.Answers[1].CacheFlush);
        Assert.Equal("1", DnsRecord.DecodeTxt(message.Answers[2].Txt)["PROTO"]);
        Assert.Equal(IPAddress.Parse("10.251.0.3"), message.Answers[3].Address);
    }

    [Fact]
    public void QuestionQuBitAndClassMasked()
    {
        var buffer = new byte[512];
        var writer = new DnsWriter(buffer, stackalloc ushort[16]);
        writer.WriteHeader(new DnsHeader(0, 0, 2, 0, 0, 0));
        writer.WriteQuestion("_flowr._tcp.local", DnsType.Ptr, unicastResponse: true);
        writer.WriteQuestion("jobs._flowr._tcp.local", DnsType.Any, unicastResponse: false);
        var reader = new DnsReader(writer.Written);
        Assert.True(reader.TryReadHeader(out var header));
        Assert.False(header.IsResponse);
        Assert.True(reader.TryReadQuestion(out var q1));
        Assert.True(q1.UnicastResponse);
        Assert.Equal(DnsConstants.ClassIn, q1.Class);
        Assert.True(reader.TryReadQuestion(out var q2));
        Assert.False(q2.UnicastResponse);
        Assert.True(DnsName.Equals(writer.Written, q2.NameOffset, "JOBS._Flowr._TCP.Local"));
        Assert.True(reader.AtEnd);
    }

    [Fact]
    public void InstanceNamesWithDotsAndSpacesSurvive()
    {
        var buffer = new byte[512];
        var writer = new DnsWriter(buffer, stackalloc ushort[16]);
        writer.WriteHeader(new DnsHeader(0, DnsConstants.ResponseFlags, 0, 1, 0, 0));
        string instance = DnsName.EscapeLabel("jobs.v2 (2)") + "._flowr._tcp.local";
        DnsRecordWriter.Write(ref writer, new DnsRecord { Name = "_flowr._tcp.local", Type = DnsType.Ptr, Target = instance }, 10, false);
        Assert.True(DnsMessage.TryParse(writer.Written, out var message));
        Assert.Equal(instance, message.Answers[0].Target);
        Assert.Equal("jobs.v2 (2)", DnsName.FirstLabel(message.Answers[0].Target!));
        Assert.Equal("_flowr._tcp.local", DnsName.Parent(message.Answers[0].Target!));
    }

    [Fact]
    public void UnknownTypesAreKeptOpaque()
    {
        byte[] packet =
        [
            0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            4, (byte)'h', (byte)'o', (byte)'s', (byte)'t', 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0,
            0, 47, 0x80, 1, 0, 0, 0, 120, 0, 5, 0xC0, 12, 0, 1, 0x40,
        ];
        Assert.True(DnsMessage.TryParse(packet, out var message));
        var nsec = Assert.Single(message.Answers);
        Assert.Equal(DnsType.Nsec, nsec.Type);
        Assert.True(nsec.CacheFlush);
        Assert.Equal(new byte[] { 0xC0, 12, 0, 1, 0x40 }, nsec.Opaque);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1 })]                  // pointer to itself
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 65, 0xC0, 12, 0, 1, 0, 1 })]           // loop via earlier label
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0xFF, 0, 1, 0, 1 })]                // out of range
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, 65, 65 })]                             // truncated label
    [InlineData(new byte[] { 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0 })]                                  // huge count, no data
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 1, 0, 1 })]                   // extended label type
    [InlineData(new byte[] { 0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0xFF, 0xFF })] // rdlength past end
    [InlineData(new byte[] { 1, 2, 3 })]
    public void RejectsMalformedPackets(byte[] packet) => Assert.False(DnsMessage.TryParse(packet, out _));

    [Fact]
    public void RejectsNamesLongerThan255Bytes()
    {
        var packet = new List<byte> { 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 };
        for (int i = 0; i < 5; i++)
        {
            packet.Add(63);
            packet.AddRange(Enumerable.Repeat((byte)'a', 63));
        }

        packet.AddRange(new byte[] { 0, 0, 1, 0, 1 });
        Assert.False(DnsMessage.TryParse(packet.ToArray(), out _));
    }

    [Fact]
    public void WriterRejectsOverflowAndBadNames()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new DnsWriter(new byte[20], stackalloc ushort[4]);
            writer.WriteHeader(default);
            writer.WriteQuestion("a-long-name.local", DnsType.A, false);
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new DnsWriter(new byte[600], stackalloc ushort[4]);
            writer.WriteName(new string('x', 64) + ".local");
        });
        Assert.Throws<ArgumentException>(() =>
        {
            var writer = new DnsWriter(new byte[600], stackalloc ushort[4]);
            writer.WriteName("a..local");
        });
    }

    private static int CountOccurrences(byte[] haystack, byte[] needle)
    {
        int count = 0;
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                count++;
            }
        }

        return count;
    }
}
