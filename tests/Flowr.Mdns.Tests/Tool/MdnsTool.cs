// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;

namespace Flowr.Mdns.Tests.Tool;

/// <summary>
/// Helper commands the tests run inside network namespaces (one line of output per event):
/// <code>
/// IFACE is "default" (no allow-list) or a comma-separated allow-list of names or addresses.
/// advertise IFACE INSTANCE TYPE PORT SECONDS [HOST] [--no-rename] [--listen] [k=v ...]
///     READY &lt;instance&gt; &lt;host&gt; renamed=&lt;bool&gt;, ANNOUNCED after the last announcement, then GOODBYE after disposing (SECONDS "stdin" = when
///     stdin closes); --listen accepts one TCP connection
/// find IFACE INSTANCE TYPE TIMEOUT_S [--connect]
///     FOUND &lt;instance&gt; &lt;host&gt; &lt;port&gt; &lt;addr,...&gt; &lt;k=v;...&gt; (exit 0) or NOTFOUND (exit 1)
/// watch IFACE TYPE SECONDS
///     FOUND … / LOST &lt;instance&gt; lines
/// blast ADDRESS COUNT SEED
///     multicasts COUNT random and mutated datagrams (Fuzz/PacketMutator), alternately from port 5353 and
///     from an ephemeral port; prints SENT &lt;n&gt;
/// query ADDRESS NAME QTYPE [KNOWN_TARGET KNOWN_TTL]
///     QM query from port 5353, optionally with one known PTR answer (RFC 6762 §7.1); prints
///     ANSWERED &lt;types&gt; for the first response answering NAME within 2.5 s, else SILENT
/// rogue ADDRESS FULLNAME PORT TARGET COUNT
///     multicasts COUNT unsolicited responses (300 ms apart) claiming FULLNAME with its own SRV, without
///     probing: a conflict after announcing (RFC 6762 §9); prints SENT &lt;n&gt;
/// legacy ADDRESS NAME QTYPE
///     one-shot query from an ephemeral port (RFC 6762 §6.7); REPLY id=… questions=… answers=… maxttl=… flush=…
/// flood ADDRESS NAME QTYPE COUNT, quick IFACE TYPE RUNS, txt IFACE TYPE
///     see Tool/DiscoveryCommands.cs
/// </code>
/// </summary>
internal static partial class MdnsTool
{
    public static int Run(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "advertise" => Advertise(args).GetAwaiter().GetResult(),
                "find" => Find(args).GetAwaiter().GetResult(),
                "watch" => Watch(args).GetAwaiter().GetResult(),
                "legacy" => LegacyQuery(args),
                "blast" => Blast(args),
                "query" => Query(args),
                "rogue" => Rogue(args),
                "flood" => Flood(args),
                "quick" => Quick(args).GetAwaiter().GetResult(),
                "txt" => Txt(args).GetAwaiter().GetResult(),
                _ => Usage(args[0]),
            };
        }
        catch (Exception e)
        {
            Console.WriteLine($"ERROR {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }

    private static async Task<int> Advertise(string[] args)
    {
        var flags = args.Skip(6).ToList();
        string? host = flags.FirstOrDefault(f => !f.StartsWith("--", StringComparison.Ordinal) && !f.Contains('='));
        var txt = flags.Where(f => f.Contains('=')).Select(f => f.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var options = new MdnsOptions
        {
            Interfaces = Interfaces(args[1]),
            HostName = host,
            RenameOnConflict = !flags.Contains("--no-rename"),
            Log = m => Console.WriteLine($"LOG {m}"),
        };
        using var listener = flags.Contains("--listen") ? new TcpListener(IPAddress.Any, int.Parse(args[4])) : null;
        listener?.Start();
        await using var responder = new MdnsResponder(options);
        await using var registration = await responder.AdvertiseAsync(args[2], args[3], ushort.Parse(args[4]), txt);
        Console.WriteLine($"READY {registration.InstanceName} {registration.HostName} renamed={registration.WasRenamed}");
        registration.Renamed += (_, _) => Console.WriteLine($"RENAMED {registration.InstanceName}");
        _ = registration.AnnouncementsSent.ContinueWith(_ => Console.WriteLine("ANNOUNCED"), TaskScheduler.Default);
        var until = args[5] == "stdin"
            ? Task.Run(() => Console.In.ReadToEnd())
            : Task.Delay(TimeSpan.FromSeconds(double.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture)));
        if (listener is not null)
        {
            var accept = listener.AcceptTcpClientAsync();
            if (await Task.WhenAny(accept, until) == accept)
            {
                using var client = await accept;
                Console.WriteLine($"ACCEPTED {client.Client.RemoteEndPoint}");
            }
        }

        await until;
        await registration.DisposeAsync();
        Console.WriteLine("GOODBYE");
        return 0;
    }

    private static async Task<int> Find(string[] args)
    {
        using var browser = new MdnsBrowser(new MdnsOptions { Interfaces = Interfaces(args[1]), Log = m => Console.WriteLine($"LOG {m}") });
        var timeout = TimeSpan.FromSeconds(double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
        var found = await browser.FindFirstAsync(args[2], args[3], timeout);
        if (found is null)
        {
            Console.WriteLine("NOTFOUND");
            return 1;
        }

        Console.WriteLine(Describe("FOUND", found));
        if (args.Contains("--connect"))
        {
            using var client = new TcpClient();
            await client.ConnectAsync(found.Addresses[0], found.Port);
            Console.WriteLine("CONNECTED");
        }

        return 0;
    }

    private static async Task<int> Watch(string[] args)
    {
        using var browser = new MdnsBrowser(new MdnsOptions { Interfaces = Interfaces(args[1]), Log = m => Console.WriteLine($"LOG {m}") });
        browser.Found += (_, e) => Console.WriteLine(Describe("FOUND", e.Instance));
        browser.Lost += (_, e) => Console.WriteLine($"LOST {e.Instance.InstanceName}");
        browser.Browse(args[2]);
        Console.WriteLine("WATCHING");
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    }

    /// <summary>"default" = no allow-list; otherwise comma-separated names or addresses.</summary>
    private static string[]? Interfaces(string arg) => arg == "default" ? null : arg.Split(',');

    private static string Describe(string verb, ServiceInstance i) =>
        $"{verb} {i.InstanceName.Replace(' ', '_')} {i.HostName} {i.Port} {string.Join(',', i.Addresses)} "
        + string.Join(';', i.Txt.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'");
        return 2;
    }
}
