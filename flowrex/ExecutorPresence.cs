// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Flowr.Mdns;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Protocol;

namespace Flowrex;

/// <summary>
/// Makes a waiting flowrex known, so that a flowr starting later can bring it in at once instead of
/// waiting for its own job service to be probed and announced. The executor listens on a TCP port and
/// advertises it as <c>NAME._flowrex._tcp.local</c> (probed once, at start), TXT <c>proto</c>,
/// <c>arch</c>, <c>threads</c> and <c>busy</c>. A flowr that connects there gets exactly the session it
/// would get if this executor had connected to it: the executor sends hello first. Only one flowr at
/// a time: while the executor is not waiting (busy, or backing off) connections are closed at once and
/// TXT says <c>busy=1</c>.
/// </summary>
internal sealed class ExecutorPresence : IDisposable
{
    private readonly Socket _listener;
    private readonly Thread _acceptThread;
    private readonly MdnsResponder _responder;
    private readonly Dictionary<string, string> _txt;
    private readonly Lock _gate = new();
    private ServiceRegistration? _registration;
    private bool _waiting;
    private Socket? _invitation;
    private CancellationTokenSource? _invited;
    // The loop starts waiting as soon as this is started, so the first advertisement already says so.
    private bool _busy;
    private int _disposed;

    private ExecutorPresence(Socket listener, MdnsResponder responder, Dictionary<string, string> txt)
    {
        _listener = listener;
        _responder = responder;
        _txt = txt;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "flowrex-invitations" };
        _acceptThread.Start();
    }

    /// <summary>Starts listening and advertising; null (and a warning) when mDNS cannot be used here.</summary>
    public static ExecutorPresence? TryStart(string name, string serviceType, int threads, IReadOnlyList<string> interfaces)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        MdnsResponder? responder = null;
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Any, 0));
            listener.Listen(16);
            responder = new MdnsResponder(new MdnsOptions
            {
                Interfaces = interfaces.Count > 0 ? interfaces : null,
                // Not the machine's name, nor flowr's: several executors may share a host (and namespaces share its name).
                HostName = $"flowrex-{HostLabel()}-{Environment.ProcessId}",
                Log = message => Log.Debug($"mDNS: {message}"),
            });
        }
        catch (Exception error) when (error is SocketException or InvalidOperationException or ArgumentException)
        {
            Log.Warn($"This executor cannot make itself known (flowr will find it only when it finds flowr): {error.Message}");
            responder?.Dispose();
            listener.Dispose();
            return null;
        }
        var txt = new Dictionary<string, string>
        {
            ["proto"] = ProtocolConstants.Version.ToString(CultureInfo.InvariantCulture),
            ["arch"] = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
            ["threads"] = threads.ToString(CultureInfo.InvariantCulture),
            ["busy"] = "0",
        };
        var presence = new ExecutorPresence(listener, responder, txt);
        _ = presence.AdvertiseAsync(name, serviceType, (ushort)((IPEndPoint)listener.LocalEndPoint!).Port);
        return presence;
    }

    private async Task AdvertiseAsync(string name, string serviceType, ushort port)
    {
        try
        {
            Dictionary<string, string> txt;
            lock (_gate) txt = new(_txt);
            var registration = await _responder.AdvertiseAsync(name, serviceType, port, txt).ConfigureAwait(false);
            lock (_gate)
            {
                _registration = registration;
                // The state may have changed while probing.
                if (_txt["busy"] != txt["busy"]) registration.UpdateTxt(new Dictionary<string, string>(_txt));
            }
            Log.Debug($"Advertised as '{registration.FullName}' on port {port}");
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException or MdnsNameConflictException)
        {
            Log.Debug($"Not advertised: {error.Message}");
        }
    }

    /// <summary>
    /// Starts waiting for a flowr: from now on one flowr may connect. Returns a token cancelled by
    /// <paramref name="stop"/> or when a flowr connected; <see cref="EndWaiting"/> then gives its socket.
    /// </summary>
    public CancellationToken BeginWaiting(CancellationToken stop)
    {
        CancellationToken token;
        lock (_gate)
        {
            _invited = CancellationTokenSource.CreateLinkedTokenSource(stop);
            token = _invited.Token;
            _waiting = true;
        }
        SetBusy(false);
        return token;
    }

    /// <summary>Stops waiting; returns the socket of a flowr that connected meanwhile, if one did.</summary>
    public Socket? EndWaiting()
    {
        Socket? invitation;
        CancellationTokenSource? invited;
        lock (_gate)
        {
            _waiting = false;
            invitation = _invitation;
            _invitation = null;
            invited = _invited;
            _invited = null;
        }
        invited?.Dispose();
        SetBusy(true);
        return invitation;
    }

    private void SetBusy(bool busy)
    {
        lock (_gate)
        {
            if (_busy == busy) return;
            _busy = busy;
            _txt["busy"] = busy ? "1" : "0";
            _registration?.UpdateTxt(new Dictionary<string, string>(_txt));
        }
    }

    private void AcceptLoop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception error) when (error is SocketException or ObjectDisposedException)
            {
                if (Volatile.Read(ref _disposed) != 0) return;
                continue;
            }
            CancellationTokenSource? wake = null;
            lock (_gate)
            {
                if (_waiting && _invitation is null)
                {
                    _invitation = socket;
                    wake = _invited;
                }
            }
            if (wake is null)
            {
                Log.Debug($"Declined a connection from {socket.RemoteEndPoint}: not waiting");
                socket.Dispose();
                continue;
            }
            Log.Debug($"Invited by flowr at {socket.RemoteEndPoint}");
            try
            {
                wake.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Waiting ended at the same moment; EndWaiting returned or will return the socket.
            }
        }
    }

    private static string HostLabel()
    {
        var label = new System.Text.StringBuilder();
        foreach (char c in Environment.MachineName.ToLowerInvariant()) label.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return label.Length > 40 ? label.ToString(0, 40) : label.ToString();
    }

    /// <summary>Says goodbye for the advertisement and closes the port.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _listener.Dispose();
        _responder.Dispose();
        Socket? invitation;
        lock (_gate)
        {
            invitation = _invitation;
            _invitation = null;
        }
        invitation?.Dispose();
        _acceptThread.Join(TimeSpan.FromSeconds(1));
    }
}
