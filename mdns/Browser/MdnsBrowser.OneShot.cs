// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using Flowr.Mdns.Dns;
using Flowr.Mdns.Internal;

namespace Flowr.Mdns;

public sealed partial class MdnsBrowser
{
    // One socket per interface, opened by the first one-shot query and kept until the browser is disposed.
    private readonly List<OneShotSocket> _oneShotSockets = [];

    // The IDs of our last one-shot queries: only answers echoing one of them are taken.
    private readonly ushort[] _oneShotIds = new ushort[16];
    private int _nextOneShotId;

    /// <summary>
    /// Asks for an instance's TXT record again at once, with a one-shot query (see
    /// <see cref="MdnsOptions.QueryAtOnce"/>): a changed TXT raises <see cref="Found"/>. For a caller
    /// that waits for a state the instance publishes in its TXT and cannot wait for its next announcement.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The browser was disposed.</exception>
    public void RefreshAtOnce(ServiceInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        SendOneShot(instance.FullName, DnsType.Txt);
    }

    /// <summary>
    /// RFC 6762 §5.1 and §6.7: a query from an ephemeral port, answered by unicast to that port at once.
    /// The answers go into the cache like multicast ones (their TTLs are capped at 10 s; the regular
    /// queries refresh them with full ones).
    /// </summary>
    private void SendOneShot(string name, ushort type)
    {
        var query = new OutgoingMessage { Id = (ushort)Random.Shared.Next(1, ushort.MaxValue) };
        query.Questions.Add(new DnsQuestion(name, type, false));
        Span<byte> buffer = stackalloc byte[DnsConstants.MaxMessageLength];
        int length = query.Write(buffer);
        lock (_gate)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            _oneShotIds[_nextOneShotId] = query.Id;
            _nextOneShotId = (_nextOneShotId + 1) % _oneShotIds.Length;
            if (_oneShotSockets.Count == 0)
            {
                OpenOneShotSockets();
            }
        }

        foreach (var socket in _oneShotSockets)
        {
            socket.SendMulticast(buffer[..length]);
        }
    }

    /// <summary>Opens the ephemeral sockets; an interface that cannot have one keeps the regular queries. Caller holds _gate.</summary>
    private void OpenOneShotSockets()
    {
        foreach (var mdns in _sockets)
        {
            OneShotSocket socket;
            try
            {
                socket = new OneShotSocket(mdns.Interface, _options.Log);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                _options.Log?.Invoke($"mdns: no one-shot queries on {mdns.Interface.Name}: {e.SocketErrorCode}");
                continue;
            }

            _oneShotSockets.Add(socket);
            _loops.Add(socket.ReceiveLoopAsync((data, remote) => OnOneShotAnswer(socket, data.Span, remote), _cts.Token));
        }
    }

    private void OnOneShotAnswer(OneShotSocket socket, ReadOnlySpan<byte> packet, IPEndPoint remote)
    {
        if (remote.Port != DnsConstants.MdnsPort || !DnsMessage.TryParse(packet, out var message)
            || !message.IsResponse || message.Header.Opcode != 0 || message.Header.Rcode != 0)
        {
            return;
        }

        lock (_gate)
        {
            if (message.Header.Id == 0 || Array.IndexOf(_oneShotIds, message.Header.Id) < 0)
            {
                return;
            }
        }

        Accept(socket.Interface, message);
    }

    private void DisposeOneShot()
    {
        lock (_gate)
        {
            _oneShotSockets.ForEach(s => s.Dispose());
        }
    }
}
