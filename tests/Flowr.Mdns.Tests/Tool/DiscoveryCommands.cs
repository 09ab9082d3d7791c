// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Flowr.Mdns.Tests.Tool;

/// <summary>Tool commands for legacy-query floods, one-shot discovery and TXT updates (flood, quick, txt).</summary>
internal static partial class MdnsTool
{
    /// <summary>
    /// flood ADDRESS NAME QTYPE COUNT: COUNT legacy queries from one ephemeral port of ADDRESS, paced so
    /// receive buffers keep up; counts the answers that come back. Prints SENT &lt;n&gt; ANSWERS &lt;m&gt;.
    /// </summary>
    private static int Flood(string[] args)
    {
        var local = IPAddress.Parse(args[1]);
        int count = int.Parse(args[4]);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4 << 20;
        socket.Bind(new IPEndPoint(local, 0));
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
        int answers = 0;
        using var stop = new CancellationTokenSource();
        var receiver = Task.Factory.StartNew(() =>
        {
            var buffer = new byte[9000];
            socket.ReceiveTimeout = 200;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    int n = socket.Receive(buffer);
                    if (Mdns.Dns.DnsMessage.TryParse(buffer.AsSpan(0, n), out var reply) && reply.IsResponse && reply.Header.Id == 0x4343)
                    {
                        Interlocked.Increment(ref answers);
                    }
                }
                catch (SocketException)
                {
                }
            }
        }, TaskCreationOptions.LongRunning);
        var query = new Mdns.Internal.OutgoingMessage { Id = 0x4343 };
        query.Questions.Add(new Mdns.Dns.DnsQuestion(args[2], ushort.Parse(args[3]), false));
        byte[] packet = query.ToArray();
        var group = new IPEndPoint(IPAddress.Parse("224.0.0.251"), 5353);
        for (int i = 0; i < count; i++)
        {
            socket.SendTo(packet, group);
            if (i % 200 == 199)
            {
                Thread.Sleep(5);
            }
        }

        Thread.Sleep(1500);
        stop.Cancel();
        receiver.Wait();
        Console.WriteLine($"SENT {count} ANSWERS {answers}");
        return 0;
    }

    /// <summary>
    /// quick IFACE TYPE RUNS: advertises jobs.TYPE, waits until its announcements are over, then RUNS times
    /// opens a browser with QueryAtOnce and times FindFirstAsync. Prints MEDIAN &lt;ms&gt; MAX &lt;ms&gt;.
    /// </summary>
    private static async Task<int> Quick(string[] args)
    {
        var iface = Interfaces(args[1]);
        await using var responder = new MdnsResponder(new MdnsOptions { Interfaces = iface, HostName = "flowr-quick" });
        await using var registration = await responder.AdvertiseAsync("jobs", args[2], 40700, new Dictionary<string, string> { ["proto"] = "1" });
        await registration.AnnouncementsSent;
        var times = new List<double>();
        for (int i = 0; i < int.Parse(args[3]); i++)
        {
            long start = Stopwatch.GetTimestamp();
            using var browser = new MdnsBrowser(new MdnsOptions { Interfaces = iface, QueryAtOnce = true });
            _ = await browser.FindFirstAsync("jobs", args[2], TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"run {i}: not found");
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"MEDIAN {times[times.Count / 2]:F1} MAX {times[^1]:F1}");
        return 0;
    }

    /// <summary>
    /// txt IFACE TYPE: advertises jobs.TYPE with v=1 and watches it with a browser; then v=2 with UpdateTxt
    /// (prints UPDATED &lt;ms&gt; when the browser sees it, from its announcement), then at once v=3,
    /// whose announcement must wait a second, and RefreshAtOnce (REFRESHED &lt;ms&gt;). No probe is sent
    /// again (PROBES &lt;n&gt; counts the probes heard, with a socket of its own).
    /// </summary>
    private static async Task<int> Txt(string[] args)
    {
        var iface = Interfaces(args[1]);
        string type = args[2];
        // Read asynchronously: a blocked pool thread would delay the responder's own tasks.
        var seen = Channel.CreateUnbounded<(string Version, long At)>();
        int probes = 0;
        using var listener = new MdnsBrowser(new MdnsOptions { Interfaces = iface });
        await using var responder = new MdnsResponder(new MdnsOptions { Interfaces = iface, HostName = "flowr-txt" });
        using var browser = new MdnsBrowser(new MdnsOptions { Interfaces = iface });
        browser.Found += (_, e) => seen.Writer.TryWrite((e.Instance.Txt.GetValueOrDefault("v") ?? "?", Stopwatch.GetTimestamp()));
        browser.Browse(type);
        await using var registration = await responder.AdvertiseAsync("jobs", type, 40701, new Dictionary<string, string> { ["v"] = "1" });
        await WaitFor(seen.Reader, "1", Stopwatch.GetTimestamp());
        var instance = browser.GetInstances(type).Single();

        using var counting = new ProbeCounter(iface, type, () => Interlocked.Increment(ref probes));
        await registration.AnnouncementsSent;
        await Task.Delay(1100);   // a second after the last announcement: the update goes out at once
        long start = Stopwatch.GetTimestamp();
        registration.UpdateTxt(new Dictionary<string, string> { ["v"] = "2" });
        Console.WriteLine($"UPDATED {await WaitFor(seen.Reader, "2", start):F1}");
        start = Stopwatch.GetTimestamp();
        registration.UpdateTxt(new Dictionary<string, string> { ["v"] = "3" });
        browser.RefreshAtOnce(instance);
        Console.WriteLine($"REFRESHED {await WaitFor(seen.Reader, "3", start):F1}");
        Console.WriteLine($"PROBES {Volatile.Read(ref probes)}");
        return 0;
    }

    private static async Task<double> WaitFor(ChannelReader<(string Version, long At)> seen, string version, long start)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var (v, at) = await seen.ReadAsync(timeout.Token);
            if (v == version)
            {
                return Stopwatch.GetElapsedTime(start, at).TotalMilliseconds;
            }
        }
    }

    /// <summary>Counts queries carrying an Authority section (probes) for names of one service type.</summary>
    private sealed class ProbeCounter : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly Task _loop;

        public ProbeCounter(string[]? iface, string type, Action onProbe)
        {
            var address = IPAddress.TryParse(iface?[0], out var given) ? given : IPAddress.Loopback;
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(new IPEndPoint(IPAddress.Any, 5353));
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse("224.0.0.251"), address));
            // A thread of its own: a blocked pool thread would delay the responder's tasks in this process.
            _loop = Task.Factory.StartNew(() =>
            {
                var buffer = new byte[9000];
                while (true)
                {
                    int n;
                    try
                    {
                        n = _socket.Receive(buffer);
                    }
                    catch (Exception e) when (e is SocketException or ObjectDisposedException)
                    {
                        return;
                    }

                    if (Mdns.Dns.DnsMessage.TryParse(buffer.AsSpan(0, n), out var message) && !message.IsResponse
                        && message.Authorities.Exists(a => a.Name.Contains(type.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
                    {
                        onProbe();
                    }
                }
            }, TaskCreationOptions.LongRunning);
        }

        public void Dispose()
        {
            _socket.Dispose();
            _loop.Wait(TimeSpan.FromSeconds(1));
        }
    }
}
