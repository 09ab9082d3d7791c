// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Protocol;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Shipping provided-function modules to remote executors (issue 6, item 3). A provided function's
/// implementation URL on the wire is <c>wasm://sha256/&lt;hex&gt;</c>; before the first
/// <c>implementation</c> message naming it on a connection, the coordinator sends one <c>module</c>
/// frame (type 11): string SHA-256 (lower-case hex), string name, varint length, the module binary,
/// then the coordinator's limits for its calls: varint result cap (bytes), varint call timeout (ms),
/// varint memory limit (KiB). The executor verifies the hash, compiles the module once per process
/// (<see cref="WasmModule"/> caches by hash) and runs it with those limits, so a job gives the same
/// answer wherever it runs (<see cref="WasmModuleStore"/>).
/// </summary>
public static class WasmModuleTransfer
{
    /// <summary>The frame type of a <c>module</c> message.</summary>
    public const MessageType ModuleMessage = MessageType.Module;

    /// <summary>Prefix of the implementation URL of a shipped module.</summary>
    public const string UrlPrefix = "wasm://sha256/";

    /// <summary>Largest module that fits in one frame with its header.</summary>
    public const int MaxModuleBytes = ProtocolConstants.MaxFrameLength - 4096;

    private const int Sha256HexLength = 64;
    private const int MaxNameLength = 1024;
    private const ulong MaxTimeoutMilliseconds = 24UL * 60 * 60 * 1000;
    /// <summary>wasm32's whole address space.</summary>
    private const ulong MaxMemoryKiB = 4UL * 1024 * 1024;

    /// <summary>The wire URL of a module.</summary>
    public static string UrlFor(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return UrlPrefix + module.Sha256;
    }

    /// <summary>True for a <c>wasm://sha256/…</c> URL, with the hash it names.</summary>
    public static bool TryParseUrl(string url, [NotNullWhen(true)] out string? sha256)
    {
        ArgumentNullException.ThrowIfNull(url);
        sha256 = null;
        if (!url.StartsWith(UrlPrefix, StringComparison.Ordinal) || url.Length != UrlPrefix.Length + Sha256HexLength) return false;
        string hash = url[UrlPrefix.Length..];
        foreach (char c in hash)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        sha256 = hash;
        return true;
    }

    /// <summary>True when the module is small enough to travel in one frame.</summary>
    public static bool CanShip(WasmModule module) => module.Binary.Length <= MaxModuleBytes;

    /// <summary>Appends a <c>module</c> frame for <paramref name="module"/>, whose calls run with <paramref name="limits"/>.</summary>
    public static void WriteModule(FrameBuffer buffer, WasmModule module, WasmOptions limits)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(limits);
        if (!CanShip(module)) throw new ArgumentException($"module '{module.Name}' is larger than {MaxModuleBytes} bytes", nameof(module));
        buffer.BeginFrame(ModuleMessage);
        var writer = new ProtocolWriter(buffer);
        writer.WriteString(module.Sha256);
        writer.WriteString(module.Name.Length <= MaxNameLength ? module.Name : module.Name[^MaxNameLength..]);
        writer.WriteVarUInt((ulong)module.Binary.Length);
        writer.WriteBytes(module.Binary);
        writer.WriteVarUInt((ulong)limits.ResultCap);
        writer.WriteVarUInt((ulong)Math.Min(Math.Ceiling(limits.CallTimeout.TotalMilliseconds), MaxTimeoutMilliseconds));
        writer.WriteVarUInt(Math.Min((ulong)limits.MemoryLimitBytes / 1024, MaxMemoryKiB));
        buffer.EndFrame();
    }

    /// <summary>Reads a <c>module</c> frame body; throws <see cref="ProtocolException"/> when it is malformed.</summary>
    public static (string Sha256, string Name, byte[] Binary, WasmOptions Limits) ReadModule(ReadOnlySpan<byte> body)
    {
        var reader = new ProtocolReader(body);
        string sha256 = reader.ReadString();
        string name = reader.ReadString();
        int length = reader.ReadLength(MaxModuleBytes);
        byte[] binary = reader.ReadBytes(length).ToArray();
        ulong resultCap = reader.ReadVarUInt();
        ulong timeout = reader.ReadVarUInt();
        ulong memory = reader.ReadVarUInt();
        reader.EnsureAtEnd();
        if (!TryParseUrl(UrlPrefix + sha256, out _)) ProtocolThrow.Malformed("module hash is not 64 lower-case hex digits");
        if (name.Length > MaxNameLength) ProtocolThrow.Malformed("module name too long");
        if (resultCap is < 1 or > WasmOptions.MaxResultCap) ProtocolThrow.Malformed($"module result cap {resultCap} out of range");
        if (timeout is < 1 or > MaxTimeoutMilliseconds) ProtocolThrow.Malformed($"module call timeout {timeout} ms out of range");
        if (memory is < 64 or > MaxMemoryKiB) ProtocolThrow.Malformed($"module memory limit {memory} KiB out of range");
        var limits = new WasmOptions
        {
            ResultCap = (int)resultCap,
            CallTimeout = TimeSpan.FromMilliseconds(timeout),
            MemoryLimitBytes = (long)memory * 1024,
        };
        return (sha256, name, binary, limits);
    }
}
