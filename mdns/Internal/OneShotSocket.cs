// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;

namespace Flowr.Mdns.Internal;

/// <summary>
/// A UDP socket on an ephemeral port of one interface, for one-shot queries (RFC 6762 §5.1): responders
/// answer them by unicast to this port (§6.7), echoing the query ID, and without the random delay they
/// add to multicast answers. Nothing else can receive those answers, even where several stacks share
/// port 5353 on one host.
/// </summary>
internal sealed class OneShotSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly Action<string>? _log;
    private readonly byte[] _receiveBuffer = new byte[Dns.DnsConstants.MaxMessageLength];

    public OneShotSocket(MdnsInterface iface, Action<string>? log)
    {
        Interface = iface;
        _log = log;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Bind(new IPEndPoint(iface.Address, 0));
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            try
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, iface.Address.GetAddressBytes());
            }
            catch (SocketException e)
            {
                // qemu-user lacks IP_MULTICAST_IF, as for MdnsSocket: a 224.0.0.0/4 route picks the interface.
                _log?.Invoke($"mdns: IP_MULTICAST_IF for one-shot queries on {iface.Name} failed ({e.SocketErrorCode}); relying on routes");
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public MdnsInterface Interface { get; }

    public void SendMulticast(ReadOnlySpan<byte> message)
    {
        try
        {
            _socket.SendTo(message, SocketFlags.None, MdnsSocket.GroupEndPoint);
        }
        catch (SocketException e)
        {
            _log?.Invoke($"mdns: one-shot query on {Interface.Name} failed: {e.SocketErrorCode}");
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Hands every datagram received to <paramref name="handler"/> until cancelled or disposed.</summary>
    public async Task ReceiveLoopAsync(Action<ReadOnlyMemory<byte>, IPEndPoint> handler, CancellationToken ct)
    {
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(_receiveBuffer, SocketFlags.None, any, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                continue;
            }

            if (result.RemoteEndPoint is not IPEndPoint remote)
            {
                continue;
            }

            try
            {
                handler(_receiveBuffer.AsMemory(0, result.ReceivedBytes), remote);
            }
            catch (Exception e)
            {
                _log?.Invoke($"mdns: handling a one-shot answer from {remote} on {Interface.Name} failed: {e}");
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
