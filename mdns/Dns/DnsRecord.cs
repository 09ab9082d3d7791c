// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Text;

namespace Flowr.Mdns.Dns;

/// <summary>A question decoded from a message.</summary>
internal sealed record DnsQuestion(string Name, ushort Type, bool UnicastResponse);

/// <summary>
/// A resource record decoded from a message, with its rdata in decoded form: a target name (PTR, SRV),
/// SRV fields, an address (A, AAAA), TXT strings, or the raw bytes of any other type (kept opaque).
/// </summary>
internal sealed record DnsRecord
{
    public required string Name { get; init; }

    public required ushort Type { get; init; }

    public ushort Class { get; init; } = DnsConstants.ClassIn;

    public bool CacheFlush { get; init; }

    public uint Ttl { get; init; }

    /// <summary>PTR or SRV target, dotted form.</summary>
    public string? Target { get; init; }

    public ushort Priority { get; init; }

    public ushort Weight { get; init; }

    public ushort Port { get; init; }

    public IPAddress? Address { get; init; }

    /// <summary>TXT rdata as raw bytes (RFC 6763 §6: strings are opaque, usually key=value).</summary>
    public byte[]? Txt { get; init; }

    /// <summary>Rdata of any type not decoded above, kept as it was received.</summary>
    public byte[]? Opaque { get; init; }

    /// <summary>RFC 6762 §9: same name, type and class with different rdata conflicts; same rdata does not.</summary>
    public bool SameRdata(DnsRecord other) =>
        Type == other.Type && Port == other.Port && Priority == other.Priority && Weight == other.Weight
        && DnsName.TextEquals(Target, other.Target) && Equals(Address, other.Address)
        && BytesEqual(Txt, other.Txt) && BytesEqual(Opaque, other.Opaque);

    public bool SameKey(DnsRecord other) =>
        Type == other.Type && Class == other.Class && DnsName.TextEquals(Name, other.Name);

    /// <summary>Decodes TXT strings into a dictionary (RFC 6763 §6.4: keys case-insensitive, first wins).</summary>
    public static Dictionary<string, string> DecodeTxt(byte[]? rdata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var strings = new TxtStringEnumerator(rdata);
        while (strings.MoveNext(out var text))
        {
            int eq = text.IndexOf((byte)'=');
            var key = Encoding.UTF8.GetString(eq < 0 ? text : text[..eq]);
            if (key.Length == 0)
            {
                continue;
            }

            result.TryAdd(key, eq < 0 ? string.Empty : Encoding.UTF8.GetString(text[(eq + 1)..]));
        }

        return result;
    }

    public override string ToString() =>
        $"{Name} {Type} ttl={Ttl}{(CacheFlush ? " flush" : string.Empty)} {Target}{(Port != 0 ? $":{Port}" : string.Empty)}{Address}";

    private static bool BytesEqual(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
