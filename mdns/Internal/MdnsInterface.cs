// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Flowr.Mdns.Internal;

/// <summary>An IPv4 interface the library sends and receives on.</summary>
internal sealed record MdnsInterface(string Name, int Index, IPAddress Address, bool IsLoopback)
{
    /// <summary>
    /// Chooses interfaces. With an allow-list, an entry matches an interface name or one of its IPv4
    /// addresses (that address is then used). Without one: every up, multicast-capable, non-loopback
    /// IPv4 interface, or loopback when there is no other.
    /// </summary>
    public static List<MdnsInterface> Select(IReadOnlyList<string>? allowList)
    {
        var all = new List<MdnsInterface>();
        var supportsMulticast = new HashSet<int>();
        var up = new HashSet<int>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            IPv4InterfaceProperties? v4;
            IPInterfaceProperties properties;
            try
            {
                properties = nic.GetIPProperties();
                v4 = properties.GetIPv4Properties();
            }
            catch (NetworkInformationException)
            {
                continue;
            }

            if (v4 is null)
            {
                continue;
            }

            bool loopback = nic.NetworkInterfaceType == NetworkInterfaceType.Loopback;
            foreach (var unicast in properties.UnicastAddresses)
            {
                if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    all.Add(new MdnsInterface(nic.Name, v4.Index, unicast.Address, loopback));
                }
            }

            // Linux reports lo and some virtual links as Unknown; only Down excludes a link.
            if (nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            {
                up.Add(v4.Index);
            }

            if (nic.SupportsMulticast)
            {
                supportsMulticast.Add(v4.Index);
            }
        }

        if (allowList is { Count: > 0 })
        {
            var chosen = new List<MdnsInterface>();
            foreach (var entry in allowList)
            {
                bool isAddress = IPAddress.TryParse(entry, out var address);
                foreach (var candidate in all)
                {
                    bool match = isAddress ? candidate.Address.Equals(address) : candidate.Name == entry;
                    if (match && !chosen.Exists(c => c.Index == candidate.Index))
                    {
                        chosen.Add(candidate);
                    }
                }

                if (!chosen.Exists(c => isAddress ? c.Address.Equals(address) : c.Name == entry))
                {
                    ThrowHelper.ThrowArgument($"mDNS interface '{entry}' has no IPv4 address on this host.");
                }
            }

            return chosen;
        }

        var result = new List<MdnsInterface>();
        foreach (var candidate in all)
        {
            if (!candidate.IsLoopback && up.Contains(candidate.Index) && supportsMulticast.Contains(candidate.Index)
                && !result.Exists(c => c.Index == candidate.Index))
            {
                result.Add(candidate);
            }
        }

        if (result.Count == 0)
        {
            result.AddRange(all.Where(c => c.IsLoopback).Take(1));
        }

        return result;
    }
}
