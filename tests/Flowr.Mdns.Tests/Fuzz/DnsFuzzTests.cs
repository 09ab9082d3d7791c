// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;
using Xunit;

namespace Flowr.Mdns.Tests.Fuzz;

/// <summary>
/// Issue item 2: at least a million random and mutated datagrams (mutations of real avahi/zeroconf
/// captures) are rejected or parsed without an exception and without allocating in proportion to what
/// the header claims. FLOWR_MDNS_FUZZ_ITERATIONS and FLOWR_MDNS_FUZZ_SEED change the run.
/// </summary>
public sealed class DnsFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("FLOWR_MDNS_FUZZ_ITERATIONS"), out int n) ? n : 1_000_000;

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("FLOWR_MDNS_FUZZ_SEED"), out int s) ? s : 6762;

    [Fact]
    public void CapturedPacketsParseAndRoundTrip()
    {
        Assert.True(SeedPackets.Captured.Count >= 10, "captured seeds missing");
        foreach (var packet in SeedPackets.All)
        {
            Assert.True(DnsMessage.TryParse(packet, out var message), Convert.ToHexString(packet));
            var copy = new Internal.OutgoingMessage { Id = message.Header.Id, Flags = message.Header.Flags };
            copy.Questions.AddRange(message.Questions);
            copy.Answers.AddRange(message.Answers.Select(r => (r, r.CacheFlush)));
            copy.Authorities.AddRange(message.Authorities.Select(r => (r, r.CacheFlush)));
            copy.Additionals.AddRange(message.Additionals.Select(r => (r, r.CacheFlush)));
            Assert.True(DnsMessage.TryParse(copy.ToArray(), out var again));
            Assert.Equal(message.Answers.Select(r => r.ToString()), again.Answers.Select(r => r.ToString()));
            Assert.Equal(message.Additionals.Select(r => r.ToString()), again.Additionals.Select(r => r.ToString()));
            Assert.Equal(message.Authorities.Select(r => r.ToString()), again.Authorities.Select(r => r.ToString()));
            Assert.Equal(message.Questions, again.Questions);
        }
    }

    [Fact]
    public void HugeCountsInATinyPacketAllocateAlmostNothing()
    {
        byte[] packet = [0, 0, 0x84, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0];
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(DnsMessage.TryParse(packet, out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512);
    }

    [Fact]
    public void AMillionRandomAndMutatedPacketsNeverThrowAndAllocateBoundedly()
    {
        var mutator = new PacketMutator(Seed, SeedPackets.All);
        int parsed = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] packet = mutator.Next();
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool readerOk;
            try
            {
                readerOk = Walk(packet);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"DnsReader threw on packet #{i} {Convert.ToHexString(packet)}: {e}");
            }

            long walked = GC.GetAllocatedBytesForCurrentThread() - before;
            if (walked != 0)
            {
                throw new Xunit.Sdk.XunitException($"DnsReader allocated {walked} B on packet #{i} {Convert.ToHexString(packet)}");
            }

            before = GC.GetAllocatedBytesForCurrentThread();
            bool ok;
            try
            {
                ok = DnsMessage.TryParse(packet, out _);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"TryParse threw on packet #{i} {Convert.ToHexString(packet)}: {e}");
            }

            // Each record costs ≥ 11 bytes of packet and decodes to at most ~2.3 KB (two 255-byte names
            // as UTF-16 strings, the record, list growth): allocation is bounded by the packet's size.
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            long bound = 4096 + (256L * packet.Length);
            if (allocated > bound)
            {
                throw new Xunit.Sdk.XunitException($"TryParse allocated {allocated} B (> {bound}) on packet #{i} {Convert.ToHexString(packet)}");
            }

            if (ok != readerOk && ok)
            {
                throw new Xunit.Sdk.XunitException($"TryParse accepted what the reader rejected: #{i} {Convert.ToHexString(packet)}");
            }

            parsed += ok ? 1 : 0;
        }

        output.WriteLine($"{Iterations} packets (seed {Seed}), {parsed} parsed as valid messages, the rest rejected");

        // The mutator must keep a fair share of inputs deep enough to reach the record parsers.
        Assert.InRange(parsed, Iterations / 50, Iterations);
    }

    /// <summary>Walks every section and every name/rdata with the allocation-free reader only.</summary>
    private static bool Walk(ReadOnlySpan<byte> packet)
    {
        var reader = new DnsReader(packet);
        if (!reader.TryReadHeader(out var header))
        {
            return false;
        }

        for (int i = 0; i < header.QuestionCount; i++)
        {
            if (!reader.TryReadQuestion(out var q) || !DnsName.Equals(packet, q.NameOffset, packet, q.NameOffset))
            {
                return false;
            }
        }

        int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
        for (int i = 0; i < records; i++)
        {
            if (!reader.TryReadRecord(out var r))
            {
                return false;
            }

            _ = DnsName.Equals(packet, r.NameOffset, "_flowr._tcp.local");

            bool rdataOk = r.Type switch
            {
                DnsType.Ptr => DnsRdata.TryReadPtr(packet, r, out _),
                DnsType.Srv => DnsRdata.TryReadSrv(packet, r, out _, out _, out _, out _),
                DnsType.A or DnsType.Aaaa => DnsRdata.TryReadAddress(packet, r, out _),
                DnsType.Txt => DnsRdata.IsValidTxt(packet.Slice(r.RdataOffset, r.RdataLength)),
                _ => true,
            };
            if (!rdataOk)
            {
                return false;
            }
        }

        return true;
    }
}
