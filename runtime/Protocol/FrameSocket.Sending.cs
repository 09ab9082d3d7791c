// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Protocol;

// Sending: never blocks the caller. Messages go to the socket at once when it takes them; the rest
// waits in this connection's queue for its writer thread (as Kestrel's and NATS.Net's send loops do),
// so one executor that stops reading cannot hold up the coordinator or any other executor.
public sealed partial class FrameSocket
{
    /// <summary>Queued bytes beyond the largest message at which the peer counts as not reading.</summary>
    private const long QueueSlack = 64L * 1024 * 1024;

    private readonly Lock _sendLock = new();
    private FrameCipher? _sealer;
    private long _maxOutgoingMessage = ProtocolConstants.MaxHandshakeFrameLength;
    private byte[] _out = [];
    private int _outStart;
    private int _outEnd;
    private long _lastSend = Stopwatch.GetTimestamp();
    private string? _sendFailure;
    private Thread? _writer;
    private readonly ManualResetEventSlim _writerWake = new(false);
    private volatile bool _writerStop;

    /// <summary>Bytes waiting for the socket.</summary>
    public int QueuedBytes
    {
        get
        {
            lock (_sendLock) return _outEnd - _outStart;
        }
    }

    /// <summary>
    /// Sends whole messages (<c>length | type | body</c>, one or more); never waits for the peer. Messages
    /// larger than a frame go as fragments; after a keyed handshake every frame is sealed. Throws
    /// <see cref="SocketException"/> or <see cref="ObjectDisposedException"/> once the connection has failed.
    /// </summary>
    public void Send(ReadOnlySpan<byte> messages)
    {
        lock (_sendLock)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            if (_sendFailure is not null) throw new SocketException((int)SocketError.ConnectionReset);
            if (_sealer is null && _outStart == _outEnd && AreSingleFrames(messages))
            {
                // The common case: plain frames and nothing queued; they go straight from the caller's buffer.
                int sent = SendNow(messages);
                if (sent == messages.Length) return;
                Append(messages[sent..]);
            }
            else
            {
                Frame(messages);
                Flush();
            }
            if (_outStart != _outEnd) StartOrWakeWriter();
        }
    }

    /// <summary>Sends a heartbeat if nothing was sent for a heartbeat interval; false if the connection has failed.</summary>
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

    private static bool AreSingleFrames(ReadOnlySpan<byte> messages)
    {
        for (int position = 0; position + 4 <= messages.Length;)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(messages[position..]);
            if (length > ProtocolConstants.MaxFrameLength) return false;
            position += 4 + (int)length;
        }
        return true;
    }

    /// <summary>Queues each message as one frame, or as fragments, sealed when there is a key.</summary>
    private void Frame(ReadOnlySpan<byte> messages)
    {
        int position = 0;
        while (position < messages.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(messages[position..]);
            byte type = messages[position + 4];
            var body = messages.Slice(position + ProtocolConstants.FrameHeaderSize, length - 1);
            position += 4 + length;
            if (body.Length > _maxOutgoingMessage) ProtocolThrow.MessageTooLarge(body.Length, _maxOutgoingMessage);
            const int maxBody = ProtocolConstants.MaxFrameLength - 1;
            while (body.Length > maxBody)
            {
                AppendFrame((byte)(type | ProtocolConstants.MoreFragmentsFlag), body[..maxBody]);
                body = body[maxBody..];
            }
            AppendFrame(type, body);
        }
    }

    private void AppendFrame(byte type, ReadOnlySpan<byte> body)
    {
        int tag = _sealer is null ? 0 : ProtocolConstants.TagSize;
        int size = ProtocolConstants.FrameHeaderSize + body.Length + tag;
        Span<byte> frame = Reserve(size);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(1 + body.Length));
        frame[4] = type;
        body.CopyTo(frame[ProtocolConstants.FrameHeaderSize..]);
        _sealer?.SealInPlace(frame);
        _outEnd += size;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _outEnd += bytes.Length;
    }

    private Span<byte> Reserve(int size)
    {
        if (_out.Length - _outEnd < size)
        {
            int queued = _outEnd - _outStart;
            if (queued + (long)size > _maxOutgoingMessage + QueueSlack)
            {
                Fail("the peer does not read what is sent");
                throw new SocketException((int)SocketError.NoBufferSpaceAvailable);
            }
            if (_outStart > 0 && _out.Length - queued >= size)
            {
                _out.AsSpan(_outStart, queued).CopyTo(_out);
            }
            else
            {
                byte[] bigger = ByteBuffers.Rent((int)Math.Max(Math.Max(queued + (long)size, _out.Length * 2L), 4096));
                _out.AsSpan(_outStart, queued).CopyTo(bigger);
                ByteBuffers.Return(_out);
                _out = bigger;
            }
            _outStart = 0;
            _outEnd = queued;
        }
        return _out.AsSpan(_outEnd, size);
    }

    /// <summary>Sends queued bytes the socket takes now.</summary>
    private void Flush()
    {
        _outStart += SendNow(_out.AsSpan(_outStart, _outEnd - _outStart));
        if (_outStart != _outEnd) return;
        _outStart = _outEnd = 0;
        if (_out.Length > ByteBuffers.PooledLimit)
        {
            ByteBuffers.Return(_out);
            _out = [];
        }
    }

    /// <summary>Non-blocking sends until the socket would block; returns the bytes it took.</summary>
    private int SendNow(ReadOnlySpan<byte> bytes)
    {
        int total = 0;
        while (total < bytes.Length)
        {
            int sent = _socket.Send(bytes[total..], SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock) break;
            if (error != SocketError.Success)
            {
                Fail($"send failed: {error}");
                throw new SocketException((int)error);
            }
            total += sent;
        }
        if (total > 0) Volatile.Write(ref _lastSend, Stopwatch.GetTimestamp());
        return total;
    }

    private void Fail(string reason)
    {
        _sendFailure ??= reason;
        _outStart = _outEnd = 0;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // Closed already.
        }
    }

    private void StartOrWakeWriter()
    {
        if (_writer is null)
        {
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = "frame-writer" };
            _writer.Start();
        }
        _writerWake.Set();
    }

    private void WakeWriter()
    {
        if (_writer is not null) _writerWake.Set();
    }

    /// <summary>The writer thread: waits until the socket takes more, and gives up on a peer that stops reading.</summary>
    private void WriteLoop()
    {
        try
        {
            while (!_writerStop)
            {
                _writerWake.Wait(TimeSpan.FromMilliseconds(250));
                _writerWake.Reset();
                while (!_writerStop)
                {
                    lock (_sendLock)
                    {
                        if (_outStart == _outEnd || _sendFailure is not null) break;
                        if (Stopwatch.GetElapsedTime(_lastSend) > ProtocolConstants.DeadPeerTimeout)
                        {
                            Fail($"the peer has read nothing for {ProtocolConstants.DeadPeerTimeout.TotalSeconds:0} s");
                            break;
                        }
                    }
                    if (!_socket.Poll(PollMicroseconds, SelectMode.SelectWrite)) continue;
                    lock (_sendLock)
                    {
                        if (_sendFailure is null && _disposed == 0) Flush();
                    }
                }
            }
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // The connection failed; its reader sees that and ends it.
            Log.Debug($"frame writer for {RemoteEndPoint} stopped: {error.Message}");
        }
    }

    private void StopWriter()
    {
        _writerStop = true;
        _writerWake.Set();
        if (_writer is not null && _writer != Thread.CurrentThread) _writer.Join(TimeSpan.FromSeconds(1));
        _writerWake.Dispose();
    }
}
