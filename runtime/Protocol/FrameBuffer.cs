// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// A growable output buffer that holds one or more messages (<c>length | type | body</c>) to send with
/// one call. A message may be larger than a wire frame: <see cref="FrameSocket"/> sends it in fragments.
/// Not thread-safe: one writer at a time.
/// </summary>
public sealed class FrameBuffer : IDisposable
{
    /// <summary>Initial size: a 4 KB block, enough for hundreds of numeric jobs.</summary>
    public const int InitialSize = 4096;

    private byte[] _buffer;
    private int _length;
    private int _frameStart = -1;

    public FrameBuffer(int initialSize = InitialSize) => _buffer = ByteBuffers.Rent(initialSize);

    /// <summary>Largest message this buffer takes; a bigger one fails with <see cref="ProtocolException"/>.</summary>
    public long MaxMessageLength { get; set; } = ProtocolConstants.DefaultMaxMessageLength;

    /// <summary>Bytes written so far (whole frames once <see cref="EndFrame"/> was called).</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far, for socket sends.</summary>
    public ArraySegment<byte> WrittenSegment => new(_buffer, 0, _length);

    /// <summary>True while a frame is open.</summary>
    public bool InFrame => _frameStart >= 0;

    /// <summary>Bytes written into the open frame (type byte included).</summary>
    public int CurrentFrameLength => _frameStart < 0 ? 0 : _length - _frameStart - 4;

    /// <summary>Opens a frame of <paramref name="type"/>; its length is written by <see cref="EndFrame"/>.</summary>
    public void BeginFrame(MessageType type)
    {
        if (_frameStart >= 0) throw new InvalidOperationException("a frame is already open");
        Span<byte> span = GetSpan(ProtocolConstants.FrameHeaderSize);
        span[4] = (byte)type;
        _frameStart = _length;
        _length += ProtocolConstants.FrameHeaderSize;
    }

    /// <summary>Closes the open frame by writing its length.</summary>
    public void EndFrame()
    {
        if (_frameStart < 0) throw new InvalidOperationException("no frame is open");
        int length = _length - _frameStart - 4;
        if (length > MaxMessageLength) ProtocolThrow.MessageTooLarge(length, MaxMessageLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_frameStart), (uint)length);
        _frameStart = -1;
    }

    /// <summary>Drops the open frame, keeping the frames before it.</summary>
    public void CancelFrame()
    {
        if (_frameStart < 0) return;
        _length = _frameStart;
        _frameStart = -1;
    }

    /// <summary>Drops what was written after <paramref name="length"/> bytes, inside the open frame.</summary>
    public void Truncate(int length)
    {
        if (length < _frameStart + ProtocolConstants.FrameHeaderSize || length > _length) throw new ArgumentOutOfRangeException(nameof(length));
        _length = length;
    }

    /// <summary>Writes a frame with no body.</summary>
    public void WriteEmptyFrame(MessageType type)
    {
        BeginFrame(type);
        EndFrame();
    }

    /// <summary>A span of at least <paramref name="sizeHint"/> free bytes after the written ones.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_buffer.Length - _length < sizeHint) Grow(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    /// <summary>Forgets everything written; keeps the buffer unless it grew past the pooled sizes.</summary>
    public void Clear()
    {
        _length = 0;
        _frameStart = -1;
        if (_buffer.Length > ByteBuffers.PooledLimit) _buffer = ByteBuffers.Rent(InitialSize);
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        ByteBuffers.Return(buffer);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        long limit = MaxMessageLength + ProtocolConstants.FrameHeaderSize + 64 * 1024;
        _buffer = ByteBuffers.Grow(_buffer, _length, (long)_length + sizeHint, Math.Min(limit, ProtocolConstants.MaxMessageLengthLimit));
    }
}
