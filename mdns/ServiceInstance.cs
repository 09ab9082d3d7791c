// Copyright (c) flowr contributors. MIT licence.
using System.Net;

namespace Flowr.Mdns;

/// <summary>A resolved DNS-SD service instance (RFC 6763 §4: instance name, SRV host and port, TXT, addresses).</summary>
public sealed class ServiceInstance
{
    internal ServiceInstance(
        string instanceName, string serviceType, string fullName, string hostName, ushort port,
        IReadOnlyList<IPAddress> addresses, IReadOnlyDictionary<string, string> txt, int interfaceIndex)
    {
        InstanceName = instanceName;
        ServiceType = serviceType;
        FullName = fullName;
        HostName = hostName;
        Port = port;
        Addresses = addresses;
        Txt = txt;
        InterfaceIndex = interfaceIndex;
    }

    /// <summary>The instance label, unescaped, e.g. <c>jobs</c> or <c>jobs (2)</c>.</summary>
    public string InstanceName { get; }

    /// <summary>The service type with domain, e.g. <c>_flowr._tcp.local</c>.</summary>
    public string ServiceType { get; }

    /// <summary>The full name with the instance label escaped, e.g. <c>jobs._flowr._tcp.local</c>.</summary>
    public string FullName { get; }

    /// <summary>The SRV target host name, e.g. <c>flowr-vm.local</c>.</summary>
    public string HostName { get; }

    /// <summary>The SRV port.</summary>
    public ushort Port { get; }

    /// <summary>The host's IPv4/IPv6 addresses, as learned on the interface of <see cref="InterfaceIndex"/>.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>TXT key/value pairs (keys compare case-insensitively; a key without '=' has an empty value).</summary>
    public IReadOnlyDictionary<string, string> Txt { get; }

    /// <summary>Index of the interface the records arrived on.</summary>
    public int InterfaceIndex { get; }

    /// <summary>True when <see cref="InstanceName"/> is <paramref name="name"/> or a conflict rename of it (<c>name (N)</c>).</summary>
    public bool IsNamedOrRenamed(string name)
    {
        if (string.Equals(InstanceName, name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var rest = InstanceName.AsSpan();
        if (!rest.StartsWith(name + " (", StringComparison.OrdinalIgnoreCase) || !rest.EndsWith(")"))
        {
            return false;
        }

        return int.TryParse(rest[(name.Length + 2)..^1], System.Globalization.NumberStyles.None, null, out _);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{FullName} -> {HostName}:{Port} [{string.Join(", ", Addresses)}] {string.Join(" ", Txt.Select(p => $"{p.Key}={p.Value}"))}";

    internal bool SameAs(ServiceInstance other) =>
        HostName.Equals(other.HostName, StringComparison.OrdinalIgnoreCase) && Port == other.Port
        && Addresses.SequenceEqual(other.Addresses) && Txt.Count == other.Txt.Count
        && Txt.All(p => other.Txt.TryGetValue(p.Key, out var v) && v == p.Value);
}

/// <summary>Event data for <see cref="MdnsBrowser.Found"/> and <see cref="MdnsBrowser.Lost"/>.</summary>
public sealed class ServiceInstanceEventArgs(ServiceInstance instance) : EventArgs
{
    /// <summary>The instance found, updated or lost.</summary>
    public ServiceInstance Instance { get; } = instance;
}
