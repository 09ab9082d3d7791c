// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>
/// <c>hello</c>: the first frame an executor sends (PROTOCOL.md, "Handshake").
/// Body: u16 version, string name, string architecture, varint threads, varint credit.
/// </summary>
public readonly record struct HelloMessage(ushort Version, string Name, string Architecture, int Threads, int Credit)
{
    /// <summary>Longest executor name or architecture accepted.</summary>
    public const int MaxTextLength = 256;

    public void WriteFrame(FrameBuffer buffer)
    {
        buffer.BeginFrame(MessageType.Hello);
        var writer = new ProtocolWriter(buffer);
        writer.WriteUInt16(Version);
        writer.WriteString(Name);
        writer.WriteString(Architecture);
        writer.WriteVarUInt((ulong)Threads);
        writer.WriteVarUInt((ulong)Credit);
        buffer.EndFrame();
    }

    public static HelloMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        ushort version = reader.ReadUInt16();
        string name = reader.ReadString();
        string architecture = reader.ReadString();
        int threads = reader.ReadLength(ushort.MaxValue);
        int credit = reader.ReadLength(1 << 20);
        reader.EnsureAtEnd();
        if (name.Length > MaxTextLength || architecture.Length > MaxTextLength) ProtocolThrow.Malformed("hello text too long");
        return new HelloMessage(version, name, architecture, threads, credit);
    }
}

/// <summary>
/// <c>welcome</c>: the coordinator's answer to <c>hello</c>.
/// Body: u16 version, string run id, varint heartbeat interval in ms, varint nonce length (0 or 32), nonce.
/// A non-empty nonce asks for <c>auth</c>.
/// </summary>
public readonly record struct WelcomeMessage(ushort Version, string RunId, int HeartbeatMilliseconds, byte[] Nonce)
{
    public void WriteFrame(FrameBuffer buffer)
    {
        buffer.BeginFrame(MessageType.Welcome);
        var writer = new ProtocolWriter(buffer);
        writer.WriteUInt16(Version);
        writer.WriteString(RunId);
        writer.WriteVarUInt((ulong)HeartbeatMilliseconds);
        writer.WriteVarUInt((ulong)Nonce.Length);
        writer.WriteBytes(Nonce);
        buffer.EndFrame();
    }

    public static WelcomeMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        ushort version = reader.ReadUInt16();
        string runId = reader.ReadString();
        int heartbeat = reader.ReadLength(600_000);
        int nonceLength = reader.ReadLength(ProtocolConstants.AuthSize);
        if (nonceLength is not 0 and not ProtocolConstants.AuthSize) ProtocolThrow.Malformed("nonce must be empty or 32 bytes");
        byte[] nonce = reader.ReadBytes(nonceLength).ToArray();
        reader.EnsureAtEnd();
        return new WelcomeMessage(version, runId, heartbeat, nonce);
    }
}

/// <summary>Small messages: <c>implementation</c>, <c>credit</c>, <c>auth</c>, <c>close</c>, and empty ones.</summary>
public static class ControlMessages
{
    /// <summary>Longest accepted implementation URL.</summary>
    public const int MaxUrlLength = 4096;

    /// <summary><c>implementation</c>: varint id, string URL.</summary>
    public static void WriteImplementation(FrameBuffer buffer, int id, string url)
    {
        buffer.BeginFrame(MessageType.Implementation);
        var writer = new ProtocolWriter(buffer);
        writer.WriteVarUInt((ulong)id);
        writer.WriteString(url);
        buffer.EndFrame();
    }

    public static (int Id, string Url) ReadImplementation(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        int id = reader.ReadLength(1 << 20);
        string url = reader.ReadString();
        reader.EnsureAtEnd();
        if (url.Length > MaxUrlLength) ProtocolThrow.Malformed("implementation URL too long");
        return (id, url);
    }

    /// <summary><c>credit</c>: varint number of additional jobs the executor can hold.</summary>
    public static void WriteCredit(FrameBuffer buffer, int grant)
    {
        buffer.BeginFrame(MessageType.Credit);
        new ProtocolWriter(buffer).WriteVarUInt((ulong)grant);
        buffer.EndFrame();
    }

    public static int ReadCredit(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        int grant = reader.ReadLength(1 << 20);
        reader.EnsureAtEnd();
        return grant;
    }

    /// <summary><c>auth</c>: the 32-byte HMAC-SHA256 of the welcome nonce.</summary>
    public static void WriteAuth(FrameBuffer buffer, ReadOnlySpan<byte> mac)
    {
        buffer.BeginFrame(MessageType.Auth);
        new ProtocolWriter(buffer).WriteBytes(mac);
        buffer.EndFrame();
    }

    public static ReadOnlySpan<byte> ReadAuth(ReadOnlySpan<byte> body)
    {
        if (body.Length != ProtocolConstants.AuthSize) ProtocolThrow.Malformed("auth must be 32 bytes");
        return body;
    }

    /// <summary><c>close</c>: a UTF-8 reason.</summary>
    public static void WriteClose(FrameBuffer buffer, string reason)
    {
        buffer.BeginFrame(MessageType.Close);
        new ProtocolWriter(buffer).WriteString(reason.Length > 1024 ? reason[..1024] : reason);
        buffer.EndFrame();
    }

    public static string ReadClose(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        string reason = reader.ReadString();
        reader.EnsureAtEnd();
        return reason;
    }

    /// <summary>Fails unless a heartbeat or done frame is empty.</summary>
    public static void ReadEmpty(ReadOnlySpan<byte> body)
    {
        if (!body.IsEmpty) ProtocolThrow.Malformed("message must have no body");
    }
}
