// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// A connected TCP socket speaking the job protocol's frames (PROTOCOL.md, "Frames"). It reads whole
/// frames into a buffer, reassembles fragmented messages and opens protected frames; it sends without
/// ever blocking the caller (<see cref="Send"/>): what the socket does not take at once is left to a
/// writer thread of this connection. One thread receives at a time; any thread may send.
/// </summary>
/// <remarks>
/// Until <see cref="Authenticated"/> is called only small frames are accepted and no fragments, so a peer
/// that has proved nothing cannot make this side hold more than a few kilobytes. Receiving gives up after
/// <see cref="ProtocolConstants.DeadPeerTimeout"/> of silence, which is how a dead peer is noticed.
/// </remarks>
public sealed partial class FrameSocket : IDisposable
{
#if DEBUG
    /// <summary>Tiny on purpose in debug builds: flushes out split-frame bugs.</summary>
    internal const int ReceiveBlockSize = 64;
#else
    internal const int ReceiveBlockSize = 64 * 1024;
#endif
    private static readonly int PollMicroseconds = 250_000;

    private readonly Socket _socket;
    private readonly Lock _readLock = new();
    private byte[] _receive = [];
    private int _start;
    private int _end;
    /// <summary>A message arriving in fragments: its type (0 when none) and the bodies so far.</summary>
    private byte _messageType;
    private byte[] _message = [];
    private int _messageLength;
    private FrameCipher? _opener;
    private int _maxFrameLength = ProtocolConstants.MaxHandshakeFrameLength;
    private long _maxMessageLength = ProtocolConstants.MaxHandshakeFrameLength;
    private bool _fragments;
    private long _lastReceive = Stopwatch.GetTimestamp();
    private int _assisting;
    private int _disposed;

    public FrameSocket(Socket socket)
    {
        _socket = socket;
        // A connection the peer has already reset (a coordinator that accepts and drops at once) fails
        // here as in any later call; that is for the first send or receive to report, in the path that
        // handles a dropped connection, so nothing here throws.
        try
        {
            RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
            _socket.NoDelay = true;
        }
        catch (SocketException)
        {
            RemoteEndPoint ??= "?";
        }
        // NOTE: non-blocking: Send must never wait for a peer that does not read (see FrameSocket.Sending.cs).
        _socket.Blocking = false;
    }

    /// <summary>The peer's address, for logs.</summary>
    public string RemoteEndPoint { get; }

    public Socket Socket => _socket;

    /// <summary>
    /// Ends the handshake: from now on frames up to <see cref="ProtocolConstants.MaxFrameLength"/> and
    /// fragmented messages up to <paramref name="maxIncomingMessage"/> are accepted, and, with a key, frames
    /// are sealed and opened. Call it between the last plain frame and the first protected one of each
    /// direction (a frame handler may call it).
    /// </summary>
    internal void Authenticated(long maxIncomingMessage, long maxOutgoingMessage, FrameCipher? sealer, FrameCipher? opener)
    {
        _opener = opener;
        _maxFrameLength = ProtocolConstants.MaxFrameLength + (opener is null ? 0 : ProtocolConstants.TagSize);
        _maxMessageLength = maxIncomingMessage;
        _fragments = true;
        lock (_sendLock)
        {
            _sealer = sealer;
            _maxOutgoingMessage = maxOutgoingMessage;
        }
    }

    /// <summary>
    /// Waits for data, then reads once and hands every whole message to <paramref name="handler"/>.
    /// Returns false when the peer closed the connection. Throws <see cref="ProtocolException"/> on a
    /// malformed or forged frame and <see cref="SocketException"/> (TimedOut) after a silence longer than
    /// <paramref name="silenceLimit"/> (default: the dead-peer timeout).
    /// </summary>
    public bool ReceiveFrames<THandler>(THandler handler, TimeSpan? silenceLimit = null) where THandler : IFrameHandler
    {
        TimeSpan limit = silenceLimit ?? ProtocolConstants.DeadPeerTimeout;
        while (true)
        {
            if (!_socket.Poll(PollMicroseconds, SelectMode.SelectRead))
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceive)) > limit) throw new SocketException((int)SocketError.TimedOut);
                continue;
            }
            // Another thread is polling for these bytes (TryReceiveFramesNow): leave them to it.
            if (Volatile.Read(ref _assisting) != 0)
            {
                Thread.Yield();
                continue;
            }
            lock (_readLock)
            {
                int result = ReceiveOnce(handler);
                if (result < 0) continue;   // another thread took the bytes between the poll and the lock
                return result > 0;
            }
        }
    }

    /// <summary>
    /// Reads and handles the frames already received, if no other thread is reading; never blocks.
    /// True when it read something.
    /// </summary>
    public bool TryReceiveFramesNow<THandler>(THandler handler) where THandler : IFrameHandler
    {
        Volatile.Write(ref _assisting, 1);
        if (!_readLock.TryEnter()) return false;
        try
        {
            return _socket.Available > 0 && ReceiveOnce(handler) > 0;
        }
        finally
        {
            _readLock.Exit();
        }
    }

    /// <summary>Ends a run of <see cref="TryReceiveFramesNow"/> calls: the reading thread reads again.</summary>
    public void EndAssist() => Volatile.Write(ref _assisting, 0);

    /// <summary>One non-blocking receive: 1 when bytes came, 0 at the end of the stream, -1 when none were there.</summary>
    private int ReceiveOnce<THandler>(THandler handler) where THandler : IFrameHandler
    {
        if (_receive.Length == 0) _receive = ByteBuffers.Rent(ReceiveBlockSize);
        if (_end == _receive.Length) MakeRoom(0);
        int received = _socket.Receive(_receive.AsSpan(_end), SocketFlags.None, out SocketError error);
        if (error == SocketError.WouldBlock) return -1;
        if (error != SocketError.Success) throw new SocketException((int)error);
        if (received == 0) return 0;
        _end += received;
        Volatile.Write(ref _lastReceive, Stopwatch.GetTimestamp());
        HandleFrames(handler);
        return 1;
    }

    private void HandleFrames<THandler>(THandler handler) where THandler : IFrameHandler
    {
        while (_end - _start >= 4)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(_receive.AsSpan(_start));
            var opener = _opener;
            int minimum = opener is null ? 1 : 1 + ProtocolConstants.TagSize;
            if (length < minimum) throw new ProtocolException(length == 0 ? "empty frame (no message type)" : $"frame of {length} bytes is too short");
            if (length > _maxFrameLength) throw new ProtocolException($"frame of {length} bytes is over the limit of {_maxFrameLength}");
            int total = (int)length + 4;
            if (_end - _start < total)
            {
                MakeRoom(total);
                return;
            }
            Span<byte> frame = _receive.AsSpan(_start, total);
            _start += total;
            Span<byte> plain;
            if (opener is null)
            {
                plain = frame[4..];
            }
            else if (!opener.TryOpen(frame, out plain))
            {
                throw new ProtocolException("a frame failed authentication (altered, forged, replayed or out of order)");
            }
            Deliver(handler, plain[0], plain[1..]);
        }
        if (_start == _end)
        {
            _start = _end = 0;
            // A big frame came and went: give its buffer back rather than keep it for an idle connection.
            if (_receive.Length > ByteBuffers.PooledLimit)
            {
                byte[] big = _receive;
                _receive = ByteBuffers.Rent(ReceiveBlockSize);
                ByteBuffers.Return(big);
            }
        }
    }

    /// <summary>Hands a frame's message to the handler, or keeps it when more fragments of it follow.</summary>
    private void Deliver<THandler>(THandler handler, byte type, ReadOnlySpan<byte> body) where THandler : IFrameHandler
    {
        if (!FrameReader.IsKnownType(type)) throw new ProtocolException($"unknown message type {type}");
        bool more = (type & ProtocolConstants.MoreFragmentsFlag) != 0;
        byte plainType = (byte)(type & ~ProtocolConstants.MoreFragmentsFlag);
        if (!more && _messageType == 0)
        {
            handler.OnFrame((MessageType)plainType, body);
            return;
        }
        if (!_fragments) throw new ProtocolException("a fragmented message before the handshake ended");
        if (_messageType != 0 && _messageType != plainType) throw new ProtocolException("a fragment of another message type inside a fragmented message");
        long wanted = (long)_messageLength + body.Length;
        if (wanted > _maxMessageLength) throw new ProtocolException($"a message of more than {_maxMessageLength} bytes (the largest this side takes)");
        if (wanted > _message.Length) _message = ByteBuffers.Grow(_message, _messageLength, wanted, _maxMessageLength);
        body.CopyTo(_message.AsSpan(_messageLength));
        _messageLength += body.Length;
        _messageType = plainType;
        if (more) return;
        int length = _messageLength;
        _messageType = 0;
        _messageLength = 0;
        try
        {
            handler.OnFrame((MessageType)plainType, _message.AsSpan(0, length));
        }
        finally
        {
            if (_message.Length > ByteBuffers.PooledLimit)
            {
                ByteBuffers.Return(_message);
                _message = [];
            }
        }
    }

    /// <summary>Moves the unread bytes to the front, and grows the buffer when a frame of <paramref name="frameSize"/> would not fit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MakeRoom(int frameSize)
    {
        int unread = _end - _start;
        int wanted = Math.Max(frameSize, unread + 1);
        if (wanted > _receive.Length)
        {
            _receive = _start == 0
                ? ByteBuffers.Grow(_receive, _end, wanted, (long)_maxFrameLength + 4)
                : MoveToBigger(unread, wanted);
        }
        else if (_start > 0)
        {
            _receive.AsSpan(_start, unread).CopyTo(_receive);
        }
        _start = 0;
        _end = unread;
    }

    private byte[] MoveToBigger(int unread, int wanted)
    {
        byte[] bigger = ByteBuffers.Rent(Math.Max(wanted, _receive.Length * 2));
        _receive.AsSpan(_start, unread).CopyTo(bigger);
        ByteBuffers.Return(_receive);
        return bigger;
    }

    /// <summary>Stops both directions so the peer's and our receive end; what is queued is dropped.</summary>
    public void Shutdown()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by us.
        }
        WakeWriter();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        StopWriter();
        _socket.Dispose();
        // NOTE: call from the reading thread (or after it ended); the lock waits out a TryReceiveFramesNow.
        lock (_readLock)
        {
            ByteBuffers.Return(_receive);
            _receive = [];
            ByteBuffers.Return(_message);
            _message = [];
        }
        _opener?.Dispose();
        lock (_sendLock)
        {
            _sealer?.Dispose();
            _sealer = null;
            ByteBuffers.Return(_out);
            _out = [];
            _outStart = _outEnd = 0;
        }
    }
}
