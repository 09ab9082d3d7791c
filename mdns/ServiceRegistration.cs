// Copyright (c) flowr contributors. MIT licence.
using Flowr.Mdns.Responder;

namespace Flowr.Mdns;

/// <summary>
/// A service advertised by <see cref="MdnsResponder.AdvertiseAsync"/>. Disposing it sends goodbye records
/// (TTL 0, RFC 6762 §10.1) and stops answering for it.
/// </summary>
public sealed class ServiceRegistration : IAsyncDisposable, IDisposable
{
    private readonly MdnsResponder _responder;
    private readonly ServiceEntry _entry;

    internal ServiceRegistration(MdnsResponder responder, ServiceEntry entry, string hostName)
    {
        _responder = responder;
        _entry = entry;
        HostName = hostName;
    }

    /// <summary>Raised when a conflict after announcing forced a new instance name (see <see cref="InstanceName"/>).</summary>
    public event EventHandler? Renamed;

    /// <summary>The instance label in use: the requested one, or <c>name (N)</c> after a conflict.</summary>
    public string InstanceName => _entry.Instance;

    /// <summary>The service type with domain, e.g. <c>_flowr._tcp.local</c>.</summary>
    public string ServiceType => _entry.ServiceType;

    /// <summary>The full service name, e.g. <c>jobs._flowr._tcp.local</c> (instance label escaped).</summary>
    public string FullName => _entry.FullName;

    /// <summary>The SRV target host name, e.g. <c>flowr-vm.local</c>.</summary>
    public string HostName { get; internal set; }

    /// <summary>The advertised port.</summary>
    public ushort Port => _entry.Port;

    /// <summary>The advertised TXT pairs.</summary>
    public IReadOnlyDictionary<string, string> Txt => _entry.TxtPairs;

    /// <summary>True once the instance was renamed because another host owned the requested name.</summary>
    public bool WasRenamed => _entry.RenameCount > 1;

    /// <summary>
    /// Replaces the TXT pairs and announces them (RFC 6762 §8.4), without probing again. Announcements of
    /// one service go at most once a second: updates in between are merged, and the latest pairs win.
    /// </summary>
    /// <param name="txt">The new TXT pairs.</param>
    public void UpdateTxt(IReadOnlyDictionary<string, string> txt)
    {
        ArgumentNullException.ThrowIfNull(txt);
        _responder.UpdateTxt(_entry, txt);
    }

    /// <summary>Sends goodbyes for this service and stops advertising it.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends goodbyes for this service and stops advertising it.</summary>
    public void Dispose() => _responder.Withdraw(_entry);

    /// <summary>Stopwatch timestamp of the first announcement (for latency measurements).</summary>
    internal long FirstAnnouncedAt => _entry.FirstAnnouncedAt;

    /// <summary>Completes after the last announcement; for tests that must not see announcements.</summary>
    internal Task AnnouncementsSent => _entry.AnnouncementsSent.Task;

    internal void RaiseRenamed() => Renamed?.Invoke(this, EventArgs.Empty);
}
