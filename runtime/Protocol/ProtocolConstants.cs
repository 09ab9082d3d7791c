// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>Numbers fixed by the job protocol (PROTOCOL.md).</summary>
public static class ProtocolConstants
{
    /// <summary>Protocol version sent in <c>hello</c>/<c>welcome</c> and advertised as TXT <c>proto</c>.</summary>
    public const ushort Version = 3;

    /// <summary>Frame header: a little-endian u32 length of what follows, then the message type byte.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>Largest frame on the wire after the handshake (type byte and body): 16 MiB. Larger messages travel in fragments.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    /// <summary>
    /// Largest frame before the handshake is over: <c>hello</c>, <c>welcome</c> and <c>auth</c> are a few
    /// hundred bytes, so a peer that has not proved anything cannot make the other side hold more.
    /// </summary>
    public const int MaxHandshakeFrameLength = 4096;

    /// <summary>Default largest message (a batch of jobs or results, a value with it): 1 GiB.</summary>
    public const long DefaultMaxMessageLength = 1L << 30;

    /// <summary>The largest message either side can be configured to take: a buffer is indexed by int.</summary>
    public const long MaxMessageLengthLimit = int.MaxValue - 64 * 1024;

    /// <summary>The type byte of a fragment that more fragments of the same message follow.</summary>
    public const byte MoreFragmentsFlag = 0x80;

    /// <summary>Nesting limit for arrays and objects inside one value.</summary>
    public const int MaxValueDepth = 128;

    /// <summary>A peer that sent nothing for this long is dead; each side sends a heartbeat when idle for a fifth of it.</summary>
    public static readonly TimeSpan DeadPeerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle sender emits a heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the handshake may take before the connection is closed.</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The DNS-SD instance name of the job service.</summary>
    public const string InstanceName = "jobs";

    /// <summary>The size of each side's handshake nonce, and of a proof (HMAC-SHA256).</summary>
    public const int AuthSize = 32;

    /// <summary>The AEAD tag after every sealed frame (ChaCha20-Poly1305).</summary>
    public const int TagSize = 16;
}
