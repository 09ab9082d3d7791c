// Copyright (c) flowr contributors. MIT licence.
using System.Net;
using System.Net.Sockets;

namespace Flowr.Mdns.Internal;

/// <summary>
/// One UDP socket bound to 0.0.0.0:5353, joined to 224.0.0.251 on exactly one interface, sending on it,
/// and keeping only datagrams that arrived on it (IP_PKTINFO).
/// </summary>
internal sealed class MdnsSocket : IDisposable
{
    // RFC 6762 §3: the IPv4 mDNS group.
    public static readonly IPAddress Group = IPAddress.Parse("224.0.0.251");
    public static readonly IPEndPoint GroupEndPoint = new(Group, Dns.DnsConstants.MdnsPort);

    private const int IpProtoIp = 0;
    private const int IpAddMembership = 35;

    private readonly Socket _socket;
    private readonly SentPacketFilter _sent;
    private readonly Action<string>? _log;
    private readonly byte[] _receiveBuffer = new byte[Dns.DnsConstants.MaxMessageLength];

    /// <param name="iface">The interface to pin.</param>
    /// <param name="sent">Shared by all sockets of one responder or browser, so that our datagrams sent on
    /// one interface and heard on another (two links to one LAN) are still recognised as ours.</param>
    /// <param name="log">Diagnostics.</param>
    public MdnsSocket(MdnsInterface iface, SentPacketFilter sent, Action<string>? log)
    {
        Interface = iface;
        _sent = sent;
        _log = log;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // On Linux this sets SO_REUSEADDR and SO_REUSEPORT, so avahi and others can share port 5353.
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            _socket.Bind(new IPEndPoint(IPAddress.Any, Dns.DnsConstants.MdnsPort));
            Join();

            // RFC 6762 §11: IP TTL 255 on everything we send.
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, 255);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            try
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, iface.Address.GetAddressBytes());
            }
            catch (SocketException e)
            {
                // qemu-user lacks IP_MULTICAST_IF; a 224.0.0.0/4 route then picks the interface.
                _log?.Invoke($"mdns: IP_MULTICAST_IF on {iface.Name} failed ({e.SocketErrorCode}); relying on routes");
            }
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public MdnsInterface Interface { get; }

    /// <summary>Multicasts a message on this interface.</summary>
    public void SendMulticast(ReadOnlySpan<byte> message) => Send(message, GroupEndPoint);

    public void Send(ReadOnlySpan<byte> message, IPEndPoint destination)
    {
        _sent.Remember(message);
        try
        {
            _socket.SendTo(message, SocketFlags.None, destination);
        }
        catch (SocketException e)
        {
            _log?.Invoke($"mdns: send on {Interface.Name} to {destination} failed: {e.SocketErrorCode}");
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Receives datagrams that arrived on this interface and were not sent by this socket, until
    /// cancelled or disposed. The handler runs on the receive loop and must not block.
    /// </summary>
    public async Task ReceiveLoopAsync(Action<ReadOnlyMemory<byte>, IPEndPoint> handler, CancellationToken ct)
    {
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult result;
            try
            {
                result = await _socket.ReceiveMessageFromAsync(_receiveBuffer, SocketFlags.None, any, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                continue;
            }

            if (result.PacketInformation.Interface != Interface.Index || result.RemoteEndPoint is not IPEndPoint remote)
            {
                continue;
            }

            var packet = _receiveBuffer.AsMemory(0, result.ReceivedBytes);
            if (_sent.IsOwn(packet.Span))
            {
                continue;
            }

            try
            {
                handler(packet, remote);
            }
            catch (Exception e)
            {
                _log?.Invoke($"mdns: handling a datagram from {remote} on {Interface.Name} failed: {e}");
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private void Join()
    {
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, Interface.Address));
        }
        catch (SocketException e)
        {
            // qemu-user rejects the 12-byte ip_mreqn .NET passes; the 8-byte ip_mreq works.
            _log?.Invoke($"mdns: join on {Interface.Name} failed ({e.SocketErrorCode}); using ip_mreq");
            byte[] mreq = [.. Group.GetAddressBytes(), .. Interface.Address.GetAddressBytes()];
            _socket.SetRawSocketOption(IpProtoIp, IpAddMembership, mreq);
        }
    }
}
