// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;
using Flowr.Mdns;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowrex;

/// <summary>
/// flowrex's main loop: wait for a flowr job service, run its jobs until the flow is done or the
/// connection drops, and start again; for ever, until stopped. While waiting it looks for
/// <c>jobs._flowr._tcp.local</c> with mDNS (or uses --coordinator) and connects itself, and it is also
/// known on the network (<see cref="ExecutorPresence"/>), so a flowr that starts may connect to it
/// first; either way the session is the same. After a failure it waits longer each time before
/// connecting again (<see cref="ReconnectBackoff"/>).
/// </summary>
internal sealed class ExecutorLoop(ExecutorOptions options)
{
    private static readonly TimeSpan BrowseSlice = TimeSpan.FromSeconds(2);
    private readonly RecentSet _skipRuns = new(256);
    private readonly RecentSet _refusedReasons = new(64);
    private readonly string _serviceType = options.ServiceType ?? MdnsOptions.ServiceTypeFromEnvironment();
    private readonly ReconnectBackoff _backoff = new(Random.Shared);

    public void Run(CancellationToken stop)
    {
        var session = new ExecutorSessionOptions
        {
            Name = $"{Environment.MachineName}-{Environment.ProcessId}",
            Threads = options.Threads,
            Key = options.Key,
            Resolve = static url => FlowStdLib.TryGetImplementation(url, out var implementation) ? implementation : null,
            RunWasm = options.RunWasm,
            WasmCaps = options.WasmCaps,
            MaxValueSize = options.MaxValueSize,
        };
        string beacon = $"{ProtocolConstants.InstanceName}.{_serviceType.TrimEnd('.').Replace(".local", "", StringComparison.OrdinalIgnoreCase)}.local";
        // With a fixed coordinator nothing is multicast at all.
        using var presence = options.Coordinator is null && options.Advertise
            ? ExecutorPresence.TryStart(session.Name, MdnsOptions.ExecutorServiceTypeFor(_serviceType), options.Threads, options.Interfaces)
            : null;
        var delay = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            Log.Info($"Waiting for beacon matching '{beacon}'");
            var socket = Wait(presence, delay, stop);
            if (socket is null) return;
            var result = ExecutorSession.Run(socket, session, stop);
            switch (result.End)
            {
                case SessionEnd.Done:
                    Log.Info($"Flow done: ran {result.JobsRun} job(s)");
                    // The finished run may still be advertised for a moment; never rejoin it.
                    if (result.RunId is not null) _skipRuns.Add(result.RunId);
                    break;
                case SessionEnd.Dropped when result.Unauthenticated:
                    // NOTE: said once at warn level; a coordinator that keeps failing to prove the key is not news.
                    if (_refusedReasons.Add(result.Reason)) Log.Warn($"Refused a coordinator: {result.Reason}");
                    else Log.Debug($"Refused a coordinator: {result.Reason}");
                    break;
                case SessionEnd.Dropped:
                    Log.Warn($"Connection to flowr ended ({result.Reason}) after {result.JobsRun} job(s)");
                    break;
                default:
                    return;
            }
            ReleaseSessionMemory();
            if (result.End == SessionEnd.Done || result.JobsRun > 0)
            {
                _backoff.Reset();
                delay = TimeSpan.Zero;
            }
            else
            {
                delay = _backoff.NextDelay();
                Log.Debug($"Connecting again in {delay.TotalMilliseconds:0} ms at the earliest");
            }
        }
    }

    /// <summary>
    /// Gives the memory of the session just ended back to the system while this executor waits. It is all
    /// garbage by now (buffers, queues, modules), but the GC keeps what it has committed for its next
    /// allocations, its first-generation budget alone being tens of MB: flow after flow, the resident size
    /// crept up to 30 MB. A compacting collection of this small heap takes about a millisecond, once a flow.
    /// </summary>
    private static void ReleaseSessionMemory() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// Waits for a coordinator: after <paramref name="delay"/>, this executor looks for one and connects,
    /// unless a flowr connects to it first (at any time, the delay included). Null when stopped.
    /// </summary>
    private Socket? Wait(ExecutorPresence? presence, TimeSpan delay, CancellationToken stop)
    {
        var token = presence?.BeginWaiting(stop) ?? stop;
        Socket? own = null;
        Socket? invitation = null;
        try
        {
            if (delay <= TimeSpan.Zero || !token.WaitHandle.WaitOne(delay)) own = WaitForCoordinator(token);
        }
        finally
        {
            invitation = presence?.EndWaiting();
        }
        if (invitation is null) return own;
        if (own is null) return invitation;
        // Both at once: keep our own connection; the inviting flowr sees the close and lets it be.
        Log.Debug("Declined an invitation: connected to a job service already");
        invitation.Dispose();
        return own;
    }

    /// <summary>Discovers and connects to a job service; null when <paramref name="stop"/> is cancelled.</summary>
    private Socket? WaitForCoordinator(CancellationToken stop)
    {
        MdnsBrowser? browser = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                (EndPoint[] endpoints, string? run) = options.Coordinator is { } fixedAddress
                    ? ([Parse(fixedAddress)], null)
                    : Browse(browser ??= NewBrowser(), stop);
                if (endpoints.Length == 0) continue;
                foreach (var endpoint in endpoints)
                {
                    var socket = TryConnect(endpoint, stop);
                    if (socket is not null) return socket;
                }
                // A service that refuses connections is gone (its goodbye was lost): skip it from now on.
                if (run is not null) _skipRuns.Add(run);
                browser?.Dispose();
                browser = null;
                stop.WaitHandle.WaitOne(_backoff.NextDelay());
            }
            return null;
        }
        finally
        {
            browser?.Dispose();
        }
    }

    private MdnsBrowser NewBrowser() => new(new MdnsOptions
    {
        ServiceTypeOverride = _serviceType,
        // A flowr that is announced already is found in a round trip, not after the RFC's random delays.
        QueryAtOnce = true,
        Interfaces = options.Interfaces.Count > 0 ? options.Interfaces : null,
        Log = message => Log.Debug($"mDNS: {message}"),
    });

    private (EndPoint[] Endpoints, string? Run) Browse(MdnsBrowser browser, CancellationToken stop)
    {
        ServiceInstance? found;
        try
        {
            found = browser.FindFirstAsync(Matches, _serviceType, BrowseSlice, stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return ([], null);
        }
        if (found is null) return ([], null);
        Log.Debug($"Found {found}");
        found.Txt.TryGetValue("run", out string? run);
        var endpoints = found.Addresses
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .Select(a => (EndPoint)new IPEndPoint(a, found.Port))
            .ToArray();
        return (endpoints, run);
    }

    private bool Matches(ServiceInstance instance) =>
        instance.IsNamedOrRenamed(ProtocolConstants.InstanceName)
        && (!instance.Txt.TryGetValue("proto", out string? proto) || proto == ProtocolConstants.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        && !(instance.Txt.TryGetValue("run", out string? run) && _skipRuns.Contains(run));

    private static Socket? TryConnect(EndPoint endpoint, CancellationToken stop)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            socket.ConnectAsync(endpoint, timeout.Token).AsTask().GetAwaiter().GetResult();
            Log.Debug($"Connected to job service at {endpoint}");
            return socket;
        }
        catch (Exception error) when (error is SocketException or OperationCanceledException)
        {
            Log.Debug($"Could not connect to {endpoint}: {error.Message}");
            socket.Dispose();
            return null;
        }
    }

    private static EndPoint Parse(string hostAndPort)
    {
        int colon = hostAndPort.LastIndexOf(':');
        string host = hostAndPort[..colon];
        int port = int.Parse(hostAndPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port, AddressFamily.InterNetwork);
    }
}
