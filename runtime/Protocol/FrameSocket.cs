// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// A connected TCP socket that reads whole frames into a pooled buffer and sends buffers of frames.
/// One thread receives; any thread may send (sends are serialised). Receiving times out after
/// <see cref="ProtocolConstants.DeadPeerTimeout"/> of silence, which is how a dead peer is noticed.
/// </summary>
public sealed class FrameSocket : IDisposable
{
#if DEBUG
    /// <summary>Tiny on purpose in debug builds: flushes out split-frame bugs.</summary>
    internal const int ReceiveBlockSize = 64;
#else
    internal const int ReceiveBlockSize = 64 * 1024;
#endif

    private readonly Socket _socket;
    private readonly Lock _sendLock = new();
    private byte[] _receive;
    private int _start;
    private int _end;
    private long _lastSend = Stopwatch.GetTimestamp();
    private long _lastReceive = Stopwatch.GetTimestamp();
    private readonly Lock _readLock = new();
    private int _assisting;
    private int _disposed;

    public FrameSocket(Socket socket)
    {
        _socket = socket;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
        _socket.NoDelay = true;
        _socket.ReceiveTimeout = (int)ProtocolConstants.DeadPeerTimeout.TotalMilliseconds;
        _receive = ArrayPool<byte>.Shared.Rent(ReceiveBlockSize);
    }

    /// <summary>The peer's address, for logs.</summary>
    public string RemoteEndPoint { get; }

    public Socket Socket => _socket;

    /// <summary>
    /// Receives once (blocking) and hands every whole frame to <paramref name="handler"/>. Returns false
    /// when the peer closed the connection. Throws <see cref="ProtocolException"/> on a malformed frame and
    /// <see cref="SocketException"/> (TimedOut) after a silence longer than the dead-peer timeout.
    /// </summary>
    public bool ReceiveFrames<THandler>(THandler handler) where THandler : IFrameHandler
    {
        if (_end == _receive.Length) MakeRoom(0);
        int received = _socket.Receive(_receive, _end, _receive.Length - _end, SocketFlags.None);
        if (received == 0) return false;
        _end += received;
        Volatile.Write(ref _lastReceive, Stopwatch.GetTimestamp());
        while (true)
        {
            var status = FrameReader.TryReadFrame(_receive.AsSpan(_start, _end - _start), out var type, out var body, out int consumed, out string? error);
            if (status == ReadStatus.Success)
            {
                _start += consumed;
                handler.OnFrame(type, body);
                continue;
            }
            if (status == ReadStatus.Malformed) throw new ProtocolException(error!);
            MakeRoom(consumed);
            return true;
        }
    }

    /// <summary>
    /// The reading thread's loop step when other threads may also read with <see cref="TryReceiveFramesNow"/>:
    /// waits for data without holding the read lock, then reads under it. Returns false when the peer
    /// closed the connection; throws <see cref="SocketException"/> (TimedOut) after a silence longer than the
    /// dead-peer timeout.
    /// </summary>
    public bool WaitAndReceiveFrames<THandler>(THandler handler) where THandler : IFrameHandler
    {
        int pollMicroseconds = (int)(ProtocolConstants.HeartbeatInterval.TotalMilliseconds * 1000);
        while (true)
        {
            if (!_socket.Poll(pollMicroseconds, SelectMode.SelectRead))
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceive)) > ProtocolConstants.DeadPeerTimeout)
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }
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
                // NOTE: readable with nothing available means end of stream or an error, unless another
                // thread took the bytes between the poll and the lock: then wait again.
                if (_socket.Available == 0 && !_socket.Poll(0, SelectMode.SelectRead)) continue;
                return ReceiveFrames(handler);
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
            return _socket.Available > 0 && ReceiveFrames(handler);
        }
        finally
        {
            _readLock.Exit();
        }
    }

    /// <summary>Ends a run of <see cref="TryReceiveFramesNow"/> calls: the reading thread reads again.</summary>
    public void EndAssist() => Volatile.Write(ref _assisting, 0);

    /// <summary>Sends bytes holding whole frames.</summary>
    public void Send(ReadOnlySpan<byte> frames)
    {
        lock (_sendLock)
        {
            while (!frames.IsEmpty)
            {
                int sent = _socket.Send(frames, SocketFlags.None);
                frames = frames.Slice(sent);
            }
            _lastSend = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Sends a heartbeat if nothing was sent for a heartbeat interval; false if the send failed.</summary>
    public bool HeartbeatIfIdle()
    {
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSend)) < ProtocolConstants.HeartbeatInterval) return true;
        ReadOnlySpan<byte> heartbeat = [1, 0, 0, 0, (byte)MessageType.Heartbeat];
        try
        {
            Send(heartbeat);
            return true;
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Sends what is left, then stops both directions so the peer's and our receive end.</summary>
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
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _socket.Dispose();
        // NOTE: call from the reading thread (or after it ended); the lock waits out a TryReceiveFramesNow.
        lock (_readLock)
        {
            byte[] buffer = _receive;
            _receive = [];
            ArrayPool<byte>.Shared.Return(buffer);
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
            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(wanted, _receive.Length * 2));
            _receive.AsSpan(_start, unread).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_receive);
            _receive = bigger;
        }
        else if (_start > 0)
        {
            _receive.AsSpan(_start, unread).CopyTo(_receive);
        }
        _start = 0;
        _end = unread;
    }
}
