// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Flowr.Mdns;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowr.Running;

/// <summary>
/// Brings in flowrex executors that were waiting before this run started. A waiting flowrex advertises
/// itself as <c>NAME._flowrex._tcp.local</c> (TXT <c>proto</c>, <c>arch</c>, <c>threads</c>, <c>busy</c>)
/// with a TCP port; this browses for them with a one-shot query answered at once, connects to each idle
/// one, and hands the socket to the job service, where the executor speaks first exactly as when it
/// connects itself (hello, the same handshake and key). It saves the second of probing that the job
/// service's own name needs before anyone may resolve it; that advertisement still goes on for
/// executors that start later. Connections are tried in parallel with a short timeout, so a record
/// left by a vanished executor costs nothing, and each executor is invited at most once per run.
/// </summary>
internal sealed class ExecutorDiscovery : IDisposable
{
    /// <summary>How long a connection to an advertised executor may take: they are on the same link.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long the executor has to send its hello before the invitation is dropped.</summary>
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Milliseconds between the direct TXT queries to an executor found busy (<see cref="WatchBusyAsync"/>).</summary>
    private static readonly int[] BusyRechecks = [20, 40, 80, 160, 320, 640];

    private readonly JobService _service;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _invited = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _watched = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly string _protocol = ProtocolConstants.Version.ToString(CultureInfo.InvariantCulture);
    private MdnsBrowser? _browser;
    private int _disposed;

    public ExecutorDiscovery(JobService service)
    {
        _service = service;
        Task.Run(Start);
    }

    private void Start()
    {
        string type = MdnsOptions.ExecutorServiceTypeFor(MdnsOptions.ServiceTypeFromEnvironment());
        try
        {
            var browser = new MdnsBrowser(new MdnsOptions
            {
                QueryAtOnce = true,
                Log = message => Log.Debug($"mDNS: {message}"),
            });
            lock (_gate)
            {
                if (_disposed != 0)
                {
                    browser.Dispose();
                    return;
                }
                _browser = browser;
            }
            browser.Found += (_, e) => Consider(e.Instance);
            browser.Browse(type);
            Log.Debug($"Looking for waiting executors ({type})");
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or SocketException or ObjectDisposedException)
        {
            Log.Debug($"Not looking for waiting executors with mDNS: {error.Message}");
        }
    }

    /// <summary>Invites an executor found idle, once; runs on the browser's receive loop, so it must not block.</summary>
    private void Consider(ServiceInstance instance)
    {
        lock (_gate)
        {
            // Also raised when an invited executor announces that it is busy now (with this run).
            if (_disposed != 0 || _invited.Contains(instance.FullName)) return;
        }
        if (instance.Txt.GetValueOrDefault("proto") != _protocol)
        {
            Log.Debug($"Executor {instance.FullName} speaks protocol {instance.Txt.GetValueOrDefault("proto") ?? "?"}, not {_protocol}: not invited");
            return;
        }
        if (instance.Txt.GetValueOrDefault("busy") == "1")
        {
            Log.Debug($"Executor {instance.FullName} is busy: not invited");
            bool first;
            lock (_gate) first = _disposed == 0 && _watched.Add(instance.FullName);
            if (first) _ = WatchBusyAsync(instance, _stop.Token);
            return;
        }
        var endpoints = instance.Addresses.Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => new IPEndPoint(a, instance.Port)).ToArray();
        lock (_gate)
        {
            if (_disposed != 0 || endpoints.Length == 0 || !_invited.Add(instance.FullName)) return;
        }
        _ = InviteAsync(instance.FullName, endpoints, _stop.Token);
    }

    /// <summary>
    /// An executor busy as this run starts is often just finishing the previous flow of a script that
    /// runs one flow after another. Its TXT update may wait up to a second (announcements are rate
    /// limited), so ask for its TXT directly a few times, soon and then less often; after that, its
    /// announcement or its own discovery of this job service brings it in.
    /// </summary>
    private async Task WatchBusyAsync(ServiceInstance instance, CancellationToken stop)
    {
        try
        {
            foreach (int delay in BusyRechecks)
            {
                await Task.Delay(delay, stop).ConfigureAwait(false);
                MdnsBrowser? browser;
                lock (_gate)
                {
                    if (_invited.Contains(instance.FullName)) return;
                    browser = _browser;
                }
                browser?.RefreshAtOnce(instance);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The run ended.
        }
    }

    private async Task InviteAsync(string name, IPEndPoint[] endpoints, CancellationToken stop)
    {
        Log.Debug($"Inviting executor {name} at {string.Join(", ", (IEnumerable<IPEndPoint>)endpoints)}");
        foreach (var endpoint in endpoints)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                // A busy executor closes at once; an idle one says hello first. Peek, so the job service reads the hello.
                timeout.CancelAfter(HelloTimeout);
                int read = await socket.ReceiveAsync(new byte[1], SocketFlags.Peek, timeout.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    Log.Debug($"Executor {name} at {endpoint} declined the invitation (busy)");
                    socket.Dispose();
                    return;
                }
                Log.Debug($"Invited executor {name} at {endpoint}, {SinceProcessStart().TotalMilliseconds:0} ms after flowr started");
                _service.Adopt(socket);
                return;
            }
            catch (Exception error) when (error is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                Log.Debug($"Could not invite executor {name} at {endpoint}: {(error is OperationCanceledException ? "timed out" : error.Message)}");
                socket.Dispose();
                if (stop.IsCancellationRequested) return;
            }
        }
    }

    /// <summary>For the latency in the debug log.</summary>
    private static TimeSpan SinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return DateTime.Now - process.StartTime;
    }

    /// <summary>Stops browsing; invitations in progress are abandoned.</summary>
    public void Dispose()
    {
        MdnsBrowser? browser;
        lock (_gate)
        {
            if (_disposed != 0) return;
            _disposed = 1;
            browser = _browser;
        }
        _stop.Cancel();
        browser?.Dispose();
    }
}
