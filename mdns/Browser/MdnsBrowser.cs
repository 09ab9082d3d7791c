// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Browser;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns;

/// <summary>
/// A DNS-SD browser (RFC 6763 §4–§5 over RFC 6762): sends QM queries with the RFC's delays and backoff,
/// resolves SRV, TXT and A records, follows cache-flush and goodbyes, and raises <see cref="Found"/> and
/// <see cref="Lost"/>. Sockets are opened in the constructor on the chosen interfaces.
/// </summary>
public sealed partial class MdnsBrowser : IDisposable
{
    private readonly MdnsOptions _options;
    private readonly List<MdnsSocket> _sockets = [];
    private readonly Lock _gate = new();
    private readonly RecordCache _cache = new();
    private readonly Dictionary<string, BrowseState> _browsed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ServiceInstance> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Waiter> _waiters = [];
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<Task> _loops = [];
    private int _disposed;

    /// <summary>Opens the mDNS sockets on the chosen interfaces.</summary>
    /// <exception cref="InvalidOperationException">No usable IPv4 interface.</exception>
    /// <exception cref="ArgumentException">An allow-list entry matches no interface.</exception>
    public MdnsBrowser(MdnsOptions? options = null)
    {
        _options = options ?? new MdnsOptions();
        try
        {
            var sent = new SentPacketFilter();
            foreach (var iface in MdnsInterface.Select(_options.Interfaces))
            {
                _sockets.Add(new MdnsSocket(iface, sent, _options.Log));
            }

            if (_sockets.Count == 0)
            {
                ThrowHelper.ThrowInvalidOperation("No IPv4 interface is available for mDNS.");
            }
        }
        catch
        {
            _sockets.ForEach(s => s.Dispose());
            throw;
        }

        foreach (var socket in _sockets)
        {
            _loops.Add(socket.ReceiveLoopAsync((data, remote) => OnPacket(socket, data.Span, remote), _cts.Token));
        }

        _loops.Add(Task.Run(() => MaintainAsync(_cts.Token)));
    }

    /// <summary>
    /// Raised when an instance of a browsed type is resolved (SRV, TXT and an address), and again when its
    /// data changes. Runs on the receive loop: handlers must not block.
    /// </summary>
    public event EventHandler<ServiceInstanceEventArgs>? Found;

    /// <summary>Raised when a resolved instance's PTR record is gone (goodbye or TTL expiry).</summary>
    public event EventHandler<ServiceInstanceEventArgs>? Lost;

    /// <summary>Starts browsing <paramref name="serviceType"/> (e.g. <c>_flowr._tcp</c>; see <see cref="MdnsOptions.ServiceTypeOverride"/>).</summary>
    /// <exception cref="ObjectDisposedException">The browser was disposed.</exception>
    public void Browse(string serviceType)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        StartBrowsing(_options.EffectiveServiceType(serviceType));
    }

    /// <summary>The instances of a browsed type resolved so far.</summary>
    public IReadOnlyList<ServiceInstance> GetInstances(string serviceType)
    {
        string type = _options.EffectiveServiceType(serviceType);
        lock (_gate)
        {
            return _resolved.Values.Where(i => DnsName.TextEquals(i.ServiceType, type)).ToList();
        }
    }

    /// <summary>
    /// Browses <paramref name="serviceType"/> and returns the first resolved instance whose name equals
    /// <paramref name="instanceName"/> (case-insensitive), or null after <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public Task<ServiceInstance?> FindFirstAsync(string instanceName, string serviceType, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instanceName);
        return FindFirstAsync(i => string.Equals(i.InstanceName, instanceName, StringComparison.OrdinalIgnoreCase), serviceType, timeout, ct);
    }

    /// <summary>
    /// Browses <paramref name="serviceType"/> and returns the first resolved instance matching
    /// <paramref name="match"/> (e.g. <c>i =&gt; i.IsNamedOrRenamed("jobs")</c>), or null after <paramref name="timeout"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<ServiceInstance?> FindFirstAsync(
        Func<ServiceInstance, bool> match, string serviceType, TimeSpan timeout, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        string type = _options.EffectiveServiceType(serviceType);
        var waiter = new Waiter(type, match);
        lock (_gate)
        {
            var known = _resolved.Values.FirstOrDefault(i => DnsName.TextEquals(i.ServiceType, type) && match(i));
            if (known is not null)
            {
                return known;
            }

            _waiters.Add(waiter);
        }

        StartBrowsing(type);
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Stops browsing and closes the sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _cts.Cancel();
        _sockets.ForEach(s => s.Dispose());
        DisposeOneShot();
        lock (_gate)
        {
            _waiters.ForEach(w => w.Completion.TrySetResult(null));
            _waiters.Clear();
        }
    }

    private void StartBrowsing(string type)
    {
        lock (_gate)
        {
            if (_browsed.ContainsKey(type))
            {
                return;
            }

            // RFC 6762 §5.2: the first query goes after a random 20–120 ms.
            _browsed[type] = new BrowseState(type, Environment.TickCount64 + Random.Shared.Next(20, 121));
        }

        if (_options.QueryAtOnce)
        {
            SendOneShot(type, DnsType.Ptr);
        }

        _wake.Release();
    }

    private void OnPacket(MdnsSocket socket, ReadOnlySpan<byte> packet, IPEndPoint remote)
    {
        // RFC 6762 §6 and §11: only responses from port 5353 count; their Question section is ignored.
        if (remote.Port != DnsConstants.MdnsPort || !DnsMessage.TryParse(packet, out var message)
            || !message.IsResponse || message.Header.Opcode != 0 || message.Header.Rcode != 0)
        {
            return;
        }

        Accept(socket.Interface, message);
    }

    /// <summary>Caches the records of a response that arrived on <paramref name="iface"/> and resolves what changed.</summary>
    private void Accept(MdnsInterface iface, DnsMessage message)
    {
        List<(bool Found, ServiceInstance Instance)> changes;
        List<DnsQuestion> questions = [];
        lock (_gate)
        {
            long now = Environment.TickCount64;
            foreach (var record in message.Answers.Concat(message.Additionals))
            {
                _cache.Add(record, iface.Index, now);
            }

            changes = Resolve(now, questions);
        }

        SendQueries(questions);
        Raise(changes);
    }

    private void Raise(List<(bool Found, ServiceInstance Instance)> changes)
    {
        foreach (var (found, instance) in changes)
        {
            try
            {
                (found ? Found : Lost)?.Invoke(this, new ServiceInstanceEventArgs(instance));
            }
            catch (Exception e)
            {
                _options.Log?.Invoke($"mdns: a {(found ? "Found" : "Lost")} handler threw: {e}");
            }
        }
    }

    private sealed class BrowseState(string type, long firstQueryAt)
    {
        public string Type { get; } = type;

        public long NextQueryAt { get; set; } = firstQueryAt;

        public long IntervalMs { get; set; } = 1000;
    }

    private sealed class Waiter(string type, Func<ServiceInstance, bool> match)
    {
        public string Type { get; } = type;

        public Func<ServiceInstance, bool> Match { get; } = match;

        public TaskCompletionSource<ServiceInstance?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
