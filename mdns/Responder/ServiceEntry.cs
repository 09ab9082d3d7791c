// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns.Responder;

internal enum ServiceState
{
    Probing,
    Announced,
    Removed,
}

/// <summary>One advertised service and the records it owns (RFC 6763 §4–§6, TTLs as avahi uses them).</summary>
internal sealed class ServiceEntry
{
    // RFC 6762 §10: 120 s for records with a host name (SRV, A), 75 min (4500 s) for the rest.
    public const uint HostTtl = 120;
    public const uint OtherTtl = 4500;

    // RFC 6763 §9: the service-type enumeration name.
    public const string EnumerationName = "_services._dns-sd._udp.local";

    public ServiceEntry(string baseInstance, string serviceType, ushort port, byte[] txt, IReadOnlyDictionary<string, string> txtPairs)
    {
        BaseInstance = baseInstance;
        Instance = baseInstance;
        ServiceType = serviceType;
        Port = port;
        Txt = txt;
        TxtPairs = txtPairs;
    }

    public string BaseInstance { get; }

    /// <summary>Current instance label (unescaped); changes on a conflict rename.</summary>
    public string Instance { get; private set; }

    public string ServiceType { get; }

    public string FullName => DnsName.EscapeLabel(Instance) + "." + ServiceType;

    public ushort Port { get; }

    /// <summary>The TXT rdata; replaced by <see cref="ServiceRegistration.UpdateTxt"/> (under the responder's lock).</summary>
    public byte[] Txt { get; set; }

    public IReadOnlyDictionary<string, string> TxtPairs { get; set; }

    /// <summary>Counts TXT updates, so a repeated announcement goes out only for the data it was meant for.</summary>
    public int TxtVersion { get; set; }

    /// <summary>True while an update announcement waits for the once-a-second limit.</summary>
    public bool UpdatePending { get; set; }

    /// <summary>Environment.TickCount64 of the last announcement, 0 before the first.</summary>
    public long LastAnnouncedAt { get; set; }

    public ServiceState State { get; set; } = ServiceState.Probing;

    /// <summary>Set by the receive path when a probe or announcement of ours meets a conflicting record.</summary>
    public volatile bool Conflict;

    public volatile bool HostConflict;

    public int RenameCount { get; private set; } = 1;

    public ServiceRegistration? Registration { get; set; }

    /// <summary>Completed after the last of the announcements (RFC 6762 §8.3); used by tests.</summary>
    public TaskCompletionSource AnnouncementsSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Stopwatch timestamp of the first announcement (0 before); read by the latency tool.</summary>
    public long FirstAnnouncedAt { get; set; }

    /// <summary>Wakes the prober early when a conflict arrives.</summary>
    public SemaphoreSlim ConflictSignal { get; } = new(0);

    public void Rename()
    {
        RenameCount++;
        Instance = $"{BaseInstance} ({RenameCount})";
    }

    public DnsRecord Ptr() => new() { Name = ServiceType, Type = DnsType.Ptr, Ttl = OtherTtl, Target = FullName };

    public DnsRecord Srv(string host) =>
        new() { Name = FullName, Type = DnsType.Srv, Ttl = HostTtl, Port = Port, Target = host };

    public DnsRecord TxtRecord() => new() { Name = FullName, Type = DnsType.Txt, Ttl = OtherTtl, Txt = Txt };

    public DnsRecord Enumeration() => new() { Name = EnumerationName, Type = DnsType.Ptr, Ttl = OtherTtl, Target = ServiceType };

    /// <summary>
    /// RFC 6762 §6.1: an NSEC record saying which types <paramref name="owner"/> has (all others do not
    /// exist). Rdata (RFC 4034 §4.1): the owner name uncompressed as "next domain name", then the type
    /// bitmap of window 0, where type t is bit 7 - t % 8 of byte t / 8.
    /// </summary>
    public static DnsRecord Nsec(string owner, params ReadOnlySpan<ushort> types)
    {
        Span<byte> rdata = stackalloc byte[DnsConstants.MaxNameLength + 34];
        var writer = new DnsWriter(rdata, Span<ushort>.Empty);
        writer.WriteName(owner);
        int length = 0;
        Span<byte> bitmap = stackalloc byte[32];
        foreach (ushort type in types)
        {
            bitmap[type / 8] |= (byte)(0x80 >> (type % 8));
            length = Math.Max(length, (type / 8) + 1);
        }

        writer.WriteBytes([0, (byte)length]);
        writer.WriteBytes(bitmap[..length]);
        return new DnsRecord { Name = owner, Type = DnsType.Nsec, Ttl = HostTtl, Opaque = writer.Written.ToArray() };
    }

    public DnsRecord InstanceNsec() => Nsec(FullName, DnsType.Txt, DnsType.Srv);

    public static DnsRecord HostNsec(string host) => Nsec(host, DnsType.A);

    public static DnsRecord HostAddress(string host, MdnsInterface iface) =>
        new() { Name = host, Type = DnsType.A, Ttl = HostTtl, Address = iface.Address };
}
