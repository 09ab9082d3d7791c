// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Text;
using Flowr.Runtime.Logging;
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// A compiled provided-function module. Modules are compiled once per process and cached by the
/// SHA-256 of their binary, so the same module reached through two paths (or shipped to an
/// executor) is compiled once. Text modules (<c>.wat</c>) are converted to binary first.
/// </summary>
public sealed class WasmModule
{
    /// <summary>
    /// The most compiled modules the cache keeps: far more than a flow uses, and a long-running flowrex,
    /// sent module after module by flow after flow (or by a hostile coordinator), stays bounded.
    /// </summary>
    public const int MaxCachedModules = 64;

    // Compiled code by SHA-256, the least recently used forgotten first; each WasmModule wrapper keeps
    // the name it was loaded under, and its compiled code for as long as it lives.
    private static readonly BoundedCache<Lazy<Module>> s_cache = new(MaxCachedModules);

    private WasmModule(string name, byte[] binary, string sha256, Module compiled)
    {
        Name = name;
        Binary = binary;
        Sha256 = sha256;
        Compiled = compiled;
    }

    /// <summary>The name used in messages (usually the file path).</summary>
    public string Name { get; }

    /// <summary>The module's binary form: what is hashed, and what travels to a remote executor.</summary>
    public byte[] Binary { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Binary"/>.</summary>
    public string Sha256 { get; }

    internal Module Compiled { get; }

    /// <summary>Number of distinct modules in the cache (at most <see cref="MaxCachedModules"/>).</summary>
    public static int CachedCount => s_cache.Count;

    /// <summary>Loads a <c>.wasm</c> or <c>.wat</c> file (by extension); throws <see cref="WasmException"/> with the reason.</summary>
    public static WasmModule Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WasmException($"cannot read module '{path}': {e.Message}", e);
        }
        bool text = path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase);
        return text ? FromText(path, Encoding.UTF8.GetString(bytes)) : FromBinary(path, bytes);
    }

    /// <summary>Compiles (or finds in the cache) a module in WebAssembly text format.</summary>
    public static WasmModule FromText(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WasmEngine.EnsureLoaded();
        byte[] binary;
        try
        {
            binary = Module.ConvertText(text);
        }
        catch (WasmtimeException e)
        {
            throw new WasmException($"'{name}' is not a valid WebAssembly text module: {FirstLine(e.Message)}", e);
        }
        return FromBinary(name, binary);
    }

    /// <summary>Compiles (or finds in the cache) a binary module; throws <see cref="WasmException"/> when it is not valid.</summary>
    public static WasmModule FromBinary(string name, byte[] binary)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(binary);
        string sha256 = HashOf(binary);
        var lazy = s_cache.GetOrAdd(sha256, hash =>
            new Lazy<Module>(() => Compile(name, binary, hash), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return new WasmModule(name, binary, sha256, lazy.Value);
        }
        catch (WasmException)
        {
            // An invalid module is not cached: the next attempt reports the error again.
            s_cache.Remove(sha256, lazy);
            throw;
        }
    }

    /// <summary>Lower-case hex SHA-256 of a module binary, as <see cref="Sha256"/> names it (managed: no OpenSSL needed).</summary>
    public static string HashOf(ReadOnlySpan<byte> binary) => Convert.ToHexStringLower(Crypto.Sha256.HashData(binary));

    /// <summary>True when a module with this SHA-256 (lower-case hex) is compiled and in the cache.</summary>
    public static bool IsCompiled(string sha256) => s_cache.TryPeek(sha256, out var lazy) && lazy.IsValueCreated;

    private static Module Compile(string name, byte[] binary, string sha256)
    {
        if (binary.Length < 4 || binary[0] != 0 || binary[1] != (byte)'a' || binary[2] != (byte)'s' || binary[3] != (byte)'m')
        {
            throw new WasmException($"'{name}' is not a WebAssembly module (no \\0asm header)");
        }
        Module compiled;
        long started = Stopwatch.GetTimestamp();
        try
        {
            compiled = Module.FromBytes(WasmEngine.Instance, name, binary);
            Log.Debug($"Compiled WASM module '{name}' ({binary.Length} bytes, sha256 {sha256[..12]}) in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms");
        }
        catch (WasmtimeException e)
        {
            throw new WasmException($"'{name}' is not a valid WebAssembly module: {FirstLine(e.Message)}", e);
        }
        WasmAbi.CheckModule(name, compiled);
        return compiled;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
