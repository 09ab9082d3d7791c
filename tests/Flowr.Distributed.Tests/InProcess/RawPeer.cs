// Copyright (c) flowr contributors. MIT licence.
using System.Security.Cryptography;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.InProcess;

/// <summary>The unkeyed handshake for tests that speak the raw protocol as an executor or a coordinator.</summary>
internal static class RawPeer
{
    /// <summary>An executor's hello: name, credit, a random nonce.</summary>
    public static void SendHello(FrameSocket frames, string name, int credit)
    {
        using var buffer = new FrameBuffer();
        new HelloMessage(ProtocolConstants.Version, name, "test", 1, credit, ProtocolConstants.DefaultMaxMessageLength,
            RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize)).WriteFrame(buffer);
        frames.Send(buffer.WrittenSpan);
    }

    /// <summary>A coordinator's unkeyed welcome; the handshake is then over on this side.</summary>
    public static void SendWelcome(FrameSocket frames, string runId)
    {
        using var buffer = new FrameBuffer();
        new WelcomeMessage(ProtocolConstants.Version, runId, 1000, ProtocolConstants.DefaultMaxMessageLength,
            RandomNumberGenerator.GetBytes(ProtocolConstants.AuthSize), Proof: null).WriteFrame(buffer);
        frames.Send(buffer.WrittenSpan);
        HandshakeOver(frames);
    }

    /// <summary>Call when an unkeyed welcome arrives (executor side) or has been sent (coordinator side).</summary>
    public static void HandshakeOver(FrameSocket frames) =>
        frames.Authenticated(ProtocolConstants.DefaultMaxMessageLength, ProtocolConstants.DefaultMaxMessageLength, sealer: null, opener: null);
}
