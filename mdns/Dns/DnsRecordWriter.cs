// Copyright (c) flowr contributors. MIT licence.
using System.Net.Sockets;

namespace Flowr.Mdns.Dns;

/// <summary>Writes <see cref="DnsRecord"/>s with <see cref="DnsWriter"/>.</summary>
internal static class DnsRecordWriter
{
    /// <summary>Writes a record; <paramref name="ttl"/> and <paramref name="cacheFlush"/> override the record's.</summary>
    public static void Write(ref DnsWriter writer, DnsRecord record, uint ttl, bool cacheFlush)
    {
        int mark = writer.BeginRecord(record.Name, record.Type, cacheFlush, ttl);
        switch (record.Type)
        {
            case DnsType.Ptr:
                writer.WriteName(record.Target);
                break;

            // RFC 2782 (and RFC 6762 §18.14: the SRV target may be compressed in mDNS).
            case DnsType.Srv:
                writer.WriteUInt16(record.Priority);
                writer.WriteUInt16(record.Weight);
                writer.WriteUInt16(record.Port);
                writer.WriteName(record.Target);
                break;

            case DnsType.A or DnsType.Aaaa:
                var family = record.Type == DnsType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                if (record.Address is null || record.Address.AddressFamily != family)
                {
                    Internal.ThrowHelper.ThrowArgument("Address record without a matching address.");
                }

                Span<byte> address = stackalloc byte[16];
                record.Address.TryWriteBytes(address, out int written);
                writer.WriteBytes(address[..written]);
                break;

            // RFC 6763 §6.1: an empty TXT record is a single zero byte.
            case DnsType.Txt:
                writer.WriteBytes(record.Txt is { Length: > 0 } txt ? txt : [0]);
                break;

            default:
                writer.WriteBytes(record.Opaque);
                break;
        }

        writer.EndRdata(mark);
    }

    /// <summary>Encodes TXT strings from key/value pairs (RFC 6763 §6.3: "key=value", each ≤ 255 bytes).</summary>
    public static byte[] EncodeTxt(IReadOnlyDictionary<string, string>? txt)
    {
        if (txt is null || txt.Count == 0)
        {
            return [0];
        }

        var bytes = new List<byte>();
        foreach (var (key, value) in txt)
        {
            if (key.Length == 0 || key.Contains('='))
            {
                Internal.ThrowHelper.ThrowArgument($"Invalid TXT key '{key}'.");
            }

            var entry = System.Text.Encoding.UTF8.GetBytes($"{key}={value}");
            if (entry.Length > 255)
            {
                Internal.ThrowHelper.ThrowArgument($"TXT entry '{key}' exceeds 255 bytes.");
            }

            bytes.Add((byte)entry.Length);
            bytes.AddRange(entry);
        }

        return [.. bytes];
    }
}
