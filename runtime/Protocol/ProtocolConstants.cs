// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>Numbers fixed by the job protocol (PROTOCOL.md).</summary>
public static class ProtocolConstants
{
    /// <summary>Protocol version sent in <c>hello</c>/<c>welcome</c> and advertised as TXT <c>proto</c>.</summary>
    public const ushort Version = 2;

    /// <summary>Frame header: a little-endian u32 length of what follows, then the message type byte.</summary>
    public const int FrameHeaderSize = 5;

    /// <summary>Largest accepted frame length (type byte and body): 16 MiB. Larger frames close the connection.</summary>
    public const int MaxFrameLength = 16 * 1024 * 1024;

    /// <summary>Nesting limit for arrays and objects inside one value.</summary>
    public const int MaxValueDepth = 128;

    /// <summary>A peer that sent nothing for this long is dead; each side sends a heartbeat when idle for a third of it.</summary>
    public static readonly TimeSpan DeadPeerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle sender emits a heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>The DNS-SD instance name of the job service.</summary>
    public const string InstanceName = "jobs";

    /// <summary>The size of the authentication nonce and MAC (HMAC-SHA256).</summary>
    public const int AuthSize = 32;
}
