// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;

namespace Flowr.Mdns.Responder;

/// <summary>RFC 6762 §8.2: lexicographic comparison of two sets of proposed records.</summary>
internal static class ProbeTieBreak
{
    /// <summary>Negative when <paramref name="ours"/> is earlier (we lose), 0 when identical, positive when we win.</summary>
    public static int Compare(List<DnsRecord> ours, List<DnsRecord> theirs)
    {
        // §8.2: sort each set by class, type, then rdata bytes; compare pairwise; a longer set is later.
        var a = ours.Select(Canonical).OrderBy(x => x, ByteComparer.Instance).ToList();
        var b = theirs.Select(Canonical).OrderBy(x => x, ByteComparer.Instance).ToList();
        for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            int c = ByteComparer.Instance.Compare(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    // Class (without the cache-flush bit), type, then the uncompressed rdata.
    private static byte[] Canonical(DnsRecord record)
    {
        const int RdataStart = 3 + 10;   // owner name "x" (1, 'x', 0), then type, class, TTL, rdlength
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
        var writer = new DnsWriter(buffer, Span<ushort>.Empty);   // no table: names stay uncompressed
        DnsRecordWriter.Write(ref writer, record with { Name = "x" }, 0, false);
        var rdata = writer.Written[RdataStart..];
        byte[] result = new byte[4 + rdata.Length];
        result[1] = (byte)DnsConstants.ClassIn;
        result[2] = (byte)(record.Type >> 8);
        result[3] = (byte)record.Type;
        rdata.CopyTo(result.AsSpan(4));
        return result;
    }

    private sealed class ByteComparer : IComparer<byte[]>
    {
        public static readonly ByteComparer Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
