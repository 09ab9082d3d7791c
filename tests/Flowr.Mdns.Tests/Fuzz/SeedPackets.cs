// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns.Tests.Fuzz;

/// <summary>Real datagrams captured from avahi and python3-zeroconf (netns/capture.sh), plus our own.</summary>
internal static class SeedPackets
{
    public static IReadOnlyList<byte[]> Captured { get; } = LoadCaptured();

    public static IReadOnlyList<byte[]> All { get; } = [.. Captured, .. Ours()];

    private static List<byte[]> LoadCaptured()
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "TestData", "captured");
        return Directory.GetFiles(dir, "*.hex")
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Length > 0)
            .Select(Convert.FromHexString)
            .ToList();
    }

    private static IEnumerable<byte[]> Ours()
    {
        var announce = OutgoingMessage.Response();
        announce.Answers.Add((new DnsRecord { Name = "_flowr._tcp.local", Type = DnsType.Ptr, Ttl = 4500, Target = "jobs._flowr._tcp.local" }, false));
        announce.Answers.Add((new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Ttl = 120, Port = 40123, Target = "flowr-vm.local" }, true));
        announce.Answers.Add((new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Txt, Ttl = 4500, Txt = DnsRecordWriter.EncodeTxt(new Dictionary<string, string> { ["proto"] = "1" }) }, true));
        announce.Answers.Add((new DnsRecord { Name = "flowr-vm.local", Type = DnsType.A, Ttl = 120, Address = IPAddress.Parse("10.251.0.3") }, true));
        yield return announce.ToArray();

        var probe = OutgoingMessage.Query();
        probe.Questions.Add(new DnsQuestion("jobs._flowr._tcp.local", DnsType.Any, true));
        probe.Authorities.Add((new DnsRecord { Name = "jobs._flowr._tcp.local", Type = DnsType.Srv, Ttl = 120, Port = 1, Target = "flowr-vm.local" }, false));
        yield return probe.ToArray();
    }
}
