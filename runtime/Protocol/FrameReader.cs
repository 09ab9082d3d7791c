// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Runtime.Protocol;

/// <summary>Splits received bytes into frames (PROTOCOL.md, "Frames").</summary>
public static class FrameReader
{
    /// <summary>
    /// Reads the frame at the start of <paramref name="data"/>. On <see cref="ReadStatus.NeedMoreData"/>,
    /// <paramref name="consumed"/> is the size of the whole frame when its header is there (so the caller
    /// can grow its buffer), else 0. On <see cref="ReadStatus.Malformed"/>, <paramref name="error"/> says why.
    /// </summary>
    public static ReadStatus TryReadFrame(
        ReadOnlySpan<byte> data, out MessageType type, out ReadOnlySpan<byte> body, out int consumed, out string? error) =>
        TryReadFrame(data, ProtocolConstants.MaxFrameLength, out type, out body, out consumed, out error);

    /// <summary>
    /// Reads a plain frame no longer than <paramref name="maxLength"/>. The type byte may carry
    /// <see cref="ProtocolConstants.MoreFragmentsFlag"/>; the caller decides whether fragments are allowed.
    /// </summary>
    public static ReadStatus TryReadFrame(
        ReadOnlySpan<byte> data, int maxLength, out MessageType type, out ReadOnlySpan<byte> body, out int consumed, out string? error)
    {
        type = default;
        body = default;
        consumed = 0;
        error = null;
        if (data.Length < 4) return ReadStatus.NeedMoreData;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (length == 0)
        {
            error = "empty frame (no message type)";
            return ReadStatus.Malformed;
        }
        if (length > maxLength)
        {
            error = $"frame of {length} bytes is over the limit of {maxLength}";
            return ReadStatus.Malformed;
        }
        int total = (int)length + 4;
        if (data.Length < total)
        {
            consumed = total;
            return ReadStatus.NeedMoreData;
        }
        type = (MessageType)data[4];
        if (!IsKnownType(data[4]))
        {
            error = $"unknown message type {data[4]}";
            return ReadStatus.Malformed;
        }
        body = data.Slice(ProtocolConstants.FrameHeaderSize, (int)length - 1);
        consumed = total;
        return ReadStatus.Success;
    }

    /// <summary>A defined message type, with or without the more-fragments flag.</summary>
    public static bool IsKnownType(byte type) =>
        (MessageType)(type & ~ProtocolConstants.MoreFragmentsFlag) is >= MessageType.Hello and <= MessageType.Pong;
}
