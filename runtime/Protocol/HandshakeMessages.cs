// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>
/// <c>hello</c>: the first frame an executor sends (PROTOCOL.md, "Handshake").
/// Body: u16 version, string name, string architecture, varint threads, varint credit, varint largest
/// message it takes, 32-byte nonce.
/// </summary>
public readonly record struct HelloMessage(ushort Version, string Name, string Architecture, int Threads, int Credit, long MaxMessageLength, byte[] Nonce)
{
    /// <summary>Longest executor name or architecture accepted.</summary>
    public const int MaxTextLength = 256;

    public void WriteFrame(FrameBuffer buffer)
    {
        buffer.BeginFrame(MessageType.Hello);
        var writer = new ProtocolWriter(buffer);
        writer.WriteUInt16(Version);
        writer.WriteString(Name.Length > MaxTextLength ? Name[..MaxTextLength] : Name);
        writer.WriteString(Architecture);
        writer.WriteVarUInt((ulong)Threads);
        writer.WriteVarUInt((ulong)Credit);
        writer.WriteVarUInt((ulong)MaxMessageLength);
        writer.WriteBytes(Nonce);
        buffer.EndFrame();
    }

    /// <summary>Reads a hello; one of another protocol version is read up to its version only.</summary>
    public static HelloMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        ushort version = reader.ReadUInt16();
        if (version != ProtocolConstants.Version) return new HelloMessage(version, "", "", 0, 0, 0, []);
        string name = reader.ReadString();
        string architecture = reader.ReadString();
        int threads = reader.ReadLength(ushort.MaxValue);
        int credit = reader.ReadLength(1 << 20);
        long maxMessage = ReadMaxMessage(ref reader);
        byte[] nonce = reader.ReadBytes(ProtocolConstants.AuthSize).ToArray();
        reader.EnsureAtEnd();
        if (name.Length > MaxTextLength || architecture.Length > MaxTextLength) ProtocolThrow.Malformed("hello text too long");
        return new HelloMessage(version, name, architecture, threads, credit, maxMessage, nonce);
    }

    internal static long ReadMaxMessage(ref ProtocolReader reader)
    {
        ulong value = reader.ReadVarUInt();
        if (value < (ulong)ProtocolConstants.MaxFrameLength || value > (ulong)ProtocolConstants.MaxMessageLengthLimit)
        {
            ProtocolThrow.Malformed($"largest message {value} out of range");
        }
        return (long)value;
    }
}

/// <summary>
/// <c>welcome</c>: the coordinator's answer to <c>hello</c>.
/// Body: u16 version, string run id, varint heartbeat interval in ms, varint largest message it takes,
/// 32-byte nonce, u8 keyed (0 or 1), and when keyed the coordinator's 32-byte proof of the key.
/// </summary>
public readonly record struct WelcomeMessage(ushort Version, string RunId, int HeartbeatMilliseconds, long MaxMessageLength, byte[] Nonce, byte[]? Proof)
{
    public void WriteFrame(FrameBuffer buffer)
    {
        buffer.BeginFrame(MessageType.Welcome);
        var writer = new ProtocolWriter(buffer);
        writer.WriteUInt16(Version);
        writer.WriteString(RunId);
        writer.WriteVarUInt((ulong)HeartbeatMilliseconds);
        writer.WriteVarUInt((ulong)MaxMessageLength);
        writer.WriteBytes(Nonce);
        writer.WriteByte(Proof is null ? (byte)0 : (byte)1);
        if (Proof is not null) writer.WriteBytes(Proof);
        buffer.EndFrame();
    }

    /// <summary>Reads a welcome; one of another protocol version is read up to its version only.</summary>
    public static WelcomeMessage Read(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        ushort version = reader.ReadUInt16();
        if (version != ProtocolConstants.Version) return new WelcomeMessage(version, "", 0, 0, [], null);
        string runId = reader.ReadString();
        int heartbeat = reader.ReadLength(600_000);
        long maxMessage = HelloMessage.ReadMaxMessage(ref reader);
        byte[] nonce = reader.ReadBytes(ProtocolConstants.AuthSize).ToArray();
        byte keyed = reader.ReadByte();
        if (keyed > 1) ProtocolThrow.Malformed("keyed must be 0 or 1");
        byte[]? proof = keyed == 1 ? reader.ReadBytes(ProtocolConstants.AuthSize).ToArray() : null;
        reader.EnsureAtEnd();
        if (runId.Length > HelloMessage.MaxTextLength) ProtocolThrow.Malformed("run id too long");
        return new WelcomeMessage(version, runId, heartbeat, maxMessage, nonce, proof);
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

    /// <summary><c>auth</c>: the executor's 32-byte proof of the key.</summary>
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

    /// <summary><c>ping</c> or <c>pong</c>: a u64 the executor sends back unchanged.</summary>
    public static void WritePing(FrameBuffer buffer, MessageType type, ulong stamp)
    {
        buffer.BeginFrame(type);
        new ProtocolWriter(buffer).WriteUInt64Fixed(stamp);
        buffer.EndFrame();
    }

    public static ulong ReadPing(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        ulong stamp = reader.ReadUInt64Fixed();
        reader.EnsureAtEnd();
        return stamp;
    }

    /// <summary>Fails unless a heartbeat or done frame is empty.</summary>
    public static void ReadEmpty(ReadOnlySpan<byte> body)
    {
        if (!body.IsEmpty) ProtocolThrow.Malformed("message must have no body");
    }
}
