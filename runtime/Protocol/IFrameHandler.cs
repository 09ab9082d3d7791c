// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>Receives the frames a <see cref="FrameSocket"/> reads; generic callers devirtualise it.</summary>
public interface IFrameHandler
{
    /// <summary>Handles one whole frame; throw <see cref="ProtocolException"/> to close the connection.</summary>
    void OnFrame(MessageType type, ReadOnlySpan<byte> body);
}
