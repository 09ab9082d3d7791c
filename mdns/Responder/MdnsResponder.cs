// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;
using Flowr.Mdns.Responder;

namespace Flowr.Mdns;

/// <summary>
/// An mDNS (RFC 6762) / DNS-SD (RFC 6763) responder: advertises services under a dedicated host name,
/// probing before announcing, answering queries (multicast, probes and legacy unicast), defending its
/// names, and sending goodbyes on dispose and when the process gets SIGTERM or SIGINT.
/// </summary>
/// <remarks>
/// Sockets are opened in the constructor, one per chosen interface (<see cref="MdnsOptions.Interfaces"/>).
/// Answers carry the address of the interface the query arrived on.
/// </remarks>
public sealed partial class MdnsResponder : IAsyncDisposable, IDisposable
{
    private readonly MdnsOptions _options;
    private readonly List<MdnsSocket> _sockets = [];
    private readonly List<ServiceEntry> _services = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Task> _loops = [];
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly string _baseHostLabel;
    private string _hostLabel;
    private int _hostRenames = 1;
    private int _disposed;

    /// <summary>Opens the mDNS sockets on the chosen interfaces and installs the SIGTERM/SIGINT goodbye handler.</summary>
    /// <exception cref="InvalidOperationException">No usable IPv4 interface.</exception>
    /// <exception cref="ArgumentException">An allow-list entry matches no interface.</exception>
    public MdnsResponder(MdnsOptions? options = null)
    {
        _options = options ?? new MdnsOptions();
        _baseHostLabel = _options.HostName ?? DefaultHostLabel();
        _hostLabel = _baseHostLabel;
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

        // RFC 6762 §10.1: say goodbye when the process is told to stop.
        if (!OperatingSystem.IsWindows())
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => SayGoodbyeForever()));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => SayGoodbyeForever()));
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The SRV target host name, e.g. <c>flowr-vm.local</c>; it gains a suffix if another host owns it.</summary>
    public string HostName => _hostLabel + ".local";

    /// <summary>The interface addresses this responder answers on.</summary>
    public IReadOnlyList<IPAddress> Addresses => _sockets.ConvertAll(s => s.Interface.Address);

    /// <summary>
    /// Advertises <c>instance.serviceType.local</c> at <paramref name="port"/> with the given TXT pairs. Probes
    /// (RFC 6762 §8.1, about 0.75–1 s), then announces, and completes once the first announcement is sent.
    /// </summary>
    /// <param name="instance">Instance label, e.g. <c>jobs</c> (UTF-8, at most 63 bytes; may contain spaces and dots).</param>
    /// <param name="serviceType">Service type like <c>_flowr._tcp</c>; replaced by <see cref="MdnsOptions.ServiceTypeOverride"/> when set.</param>
    /// <param name="port">The TCP/UDP port of the service.</param>
    /// <param name="txt">TXT pairs (RFC 6763 §6), e.g. <c>proto=1</c>; may be empty.</param>
    /// <param name="ct">Cancels probing.</param>
    /// <returns>
    /// The registration. If another host already owns the name, the instance is renamed <c>jobs (2)</c>,
    /// <c>jobs (3)</c>… (see <see cref="ServiceRegistration.InstanceName"/>), unless
    /// <see cref="MdnsOptions.RenameOnConflict"/> is false, in which case <see cref="MdnsNameConflictException"/> is thrown.
    /// </returns>
    public async Task<ServiceRegistration> AdvertiseAsync(
        string instance, string serviceType, ushort port, IReadOnlyDictionary<string, string>? txt, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ArgumentException.ThrowIfNullOrEmpty(instance);
        if (Encoding.UTF8.GetByteCount(instance) > DnsConstants.MaxLabelLength - 5)
        {
            throw new ArgumentException("The instance name is limited to 58 UTF-8 bytes (63 with a rename suffix).", nameof(instance));
        }

        string type = _options.EffectiveServiceType(serviceType);
        var pairs = new Dictionary<string, string>(txt ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        var entry = new ServiceEntry(instance, type, port, DnsRecordWriter.EncodeTxt(txt), pairs);
        lock (_gate)
        {
            // Two services of this responder under one name would not see each other's probes.
            while (_services.Exists(s => DnsName.TextEquals(s.FullName, entry.FullName)))
            {
                if (!_options.RenameOnConflict)
                {
                    throw new MdnsNameConflictException(entry.FullName);
                }

                entry.Rename();
            }

            _services.Add(entry);
        }

        var registration = new ServiceRegistration(this, entry, HostName);
        entry.Registration = registration;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _cts.Token);
            await ProbeAsync(entry, linked.Token).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate)
            {
                entry.State = ServiceState.Removed;
                _services.Remove(entry);
            }

            throw;
        }

        registration.HostName = HostName;
        StartAnnouncing(entry);
        return registration;
    }

    /// <summary>Sends goodbyes for every advertised service and closes the sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        _signals.ForEach(s => s.Dispose());
        SayGoodbyeForever();
        _cts.Cancel();
        _sockets.ForEach(s => s.Dispose());
        _cts.Dispose();
    }

    /// <summary>Sends goodbyes for every advertised service and closes the sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal void Withdraw(ServiceEntry entry)
    {
        lock (_gate)
        {
            if (entry.State == ServiceState.Removed)
            {
                return;
            }

            bool announced = entry.State == ServiceState.Announced;
            entry.State = ServiceState.Removed;
            _services.Remove(entry);
            entry.ConflictSignal.Release();
            if (announced)
            {
                SendGoodbyes([entry]);
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => SayGoodbyeForever();

    /// <summary>Goodbye for everything; afterwards nothing is advertised (the host is going away).</summary>
    private void SayGoodbyeForever()
    {
        lock (_gate)
        {
            var announced = _services.FindAll(s => s.State == ServiceState.Announced);
            foreach (var s in _services)
            {
                s.State = ServiceState.Removed;
                s.ConflictSignal.Release();
            }

            _services.Clear();
            if (announced.Count > 0)
            {
                SendGoodbyes(announced);
            }
        }
    }

    private void Log(string message) => _options.Log?.Invoke(message);

    private static string DefaultHostLabel()
    {
        var label = new StringBuilder("flowr-");
        foreach (char c in Environment.MachineName.ToLowerInvariant())
        {
            label.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return label.Length > DnsConstants.MaxLabelLength - 4 ? label.ToString(0, DnsConstants.MaxLabelLength - 4) : label.ToString();
    }
}
