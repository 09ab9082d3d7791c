// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;

namespace Flowr.Mdns.Tests.Tool;

/// <summary>Tool commands that put hand-made datagrams on the wire (blast, query, rogue, legacy).</summary>
internal static partial class MdnsTool
{
    private static int Blast(string[] args)
    {
        var local = IPAddress.Parse(args[1]);
        var group = new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353);
        using var mdns = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        mdns.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        mdns.Bind(new IPEndPoint(IPAddress.Any, 5353));
        using var ephemeral = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        ephemeral.Bind(new IPEndPoint(local, 0));
        foreach (var s in new[] { mdns, ephemeral })
        {
            s.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
        }

        var mutator = new Fuzz.PacketMutator(int.Parse(args[3]), Fuzz.SeedPackets.All);
        int count = int.Parse(args[2]);
        for (int i = 0; i < count; i++)
        {
            (i % 2 == 0 ? mdns : ephemeral).SendTo(mutator.Next(), group);
            if (i % 200 == 199)
            {
                Thread.Sleep(5);   // keep receive buffers from overflowing: every datagram should be handled
            }
        }

        Console.WriteLine($"SENT {count}");
        return 0;
    }

    private static int Query(string[] args)
    {
        var local = IPAddress.Parse(args[1]);
        var group = IPAddress.Parse("224.0.0.251");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Any, 5353));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, local));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
        var query = Mdns.Internal.OutgoingMessage.Query();
        query.Questions.Add(new Mdns.Dns.DnsQuestion(args[2], ushort.Parse(args[3]), false));
        if (args.Length > 5)
        {
            var known = new Mdns.Dns.DnsRecord { Name = args[2], Type = Mdns.Dns.DnsType.Ptr, Ttl = uint.Parse(args[5]), Target = args[4] };
            query.Answers.Add((known, false));
        }

        socket.SendTo(query.ToArray(), new IPEndPoint(group, 5353));
        var buffer = new byte[9000];
        var deadline = DateTime.UtcNow.AddSeconds(2.5);
        while (DateTime.UtcNow < deadline)
        {
            socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int n;
            try
            {
                n = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                break;
            }

            if (Mdns.Dns.DnsMessage.TryParse(buffer.AsSpan(0, n), out var reply) && reply.IsResponse
                && reply.Answers.Exists(a => string.Equals(a.Name, args[2], StringComparison.OrdinalIgnoreCase)))
            {
                Console.WriteLine($"ANSWERED {string.Join(',', reply.Answers.Select(a => a.Type))}");
                return 0;
            }
        }

        Console.WriteLine("SILENT");
        return 1;
    }

    private static int Rogue(string[] args)
    {
        var local = IPAddress.Parse(args[1]);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Any, 5353));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
        var claim = Mdns.Internal.OutgoingMessage.Response();
        claim.Answers.Add((new Mdns.Dns.DnsRecord { Name = args[2], Type = Mdns.Dns.DnsType.Srv, Ttl = 120, Port = ushort.Parse(args[3]), Target = args[4] }, true));
        claim.Answers.Add((new Mdns.Dns.DnsRecord { Name = args[4], Type = Mdns.Dns.DnsType.A, Ttl = 120, Address = local }, true));
        byte[] packet = claim.ToArray();
        int count = int.Parse(args[5]);
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(packet, new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353));
            Thread.Sleep(300);
        }

        Console.WriteLine($"SENT {count}");
        return 0;
    }

    private static int LegacyQuery(string[] args)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var local = IPAddress.Parse(args[1]);
        socket.Bind(new IPEndPoint(local, 0));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
        var query = new Mdns.Internal.OutgoingMessage { Id = 0x4242 };
        query.Questions.Add(new Mdns.Dns.DnsQuestion(args[2], ushort.Parse(args[3]), false));
        socket.SendTo(query.ToArray(), new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353));
        socket.ReceiveTimeout = 3000;
        var buffer = new byte[9000];
        try
        {
            int n = socket.Receive(buffer);
            if (!Mdns.Dns.DnsMessage.TryParse(buffer.AsSpan(0, n), out var reply))
            {
                Console.WriteLine("MALFORMED");
                return 1;
            }

            var records = reply.Answers.Concat(reply.Additionals).ToList();
            Console.WriteLine(
                $"REPLY id={reply.Header.Id:x4} questions={string.Join(',', reply.Questions.Select(q => q.Name))} "
                + $"answers={string.Join(',', reply.Answers.Select(a => a.Type))} maxttl={records.Max(r => r.Ttl)} "
                + $"flush={records.Any(r => r.CacheFlush)}");
            return 0;
        }
        catch (SocketException)
        {
            Console.WriteLine("NOREPLY");
            return 1;
        }
    }
}
