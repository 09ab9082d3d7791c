// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// The executor's side of module shipping (<see cref="WasmModuleTransfer"/>): the modules received on
/// one connection, by hash. A module whose bytes do not match its hash, or that does not load, is
/// remembered with the reason, and every job of it is answered with that error, so the executor
/// keeps running and the coordinator sees why. Thread-safe.
/// </summary>
public sealed class WasmModuleStore
{
    private readonly Dictionary<string, Entry> _modules = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly WasmOptions _options;

    /// <summary>Creates an empty store whose functions run with <paramref name="options"/>.</summary>
    public WasmModuleStore(WasmOptions? options = null) => _options = options ?? WasmOptions.Default;

    /// <summary>
    /// Takes a <c>module</c> frame body: verifies the SHA-256 and compiles the module (once per
    /// process). Throws <see cref="Protocol.ProtocolException"/> only for a malformed frame.
    /// </summary>
    public void Accept(ReadOnlySpan<byte> body)
    {
        var (sha256, name, binary) = WasmModuleTransfer.ReadModule(body);
        Entry entry;
        string actual = WasmModule.HashOf(binary);
        if (actual != sha256)
        {
            entry = new Entry(null, $"module '{name}' arrived with SHA-256 {actual}, not the announced {sha256}");
        }
        else
        {
            try
            {
                entry = new Entry(WasmModule.FromBinary(name, binary), null);
            }
            catch (WasmException e)
            {
                entry = new Entry(null, e.Message);
            }
        }
        if (entry.Error is not null) Log.Warn($"Provided module '{name}' cannot run here: {entry.Error}");
        lock (_lock) _modules[sha256] = entry;
    }

    /// <summary>
    /// The implementation behind a <c>wasm://sha256/…</c> URL: the module's function, or an
    /// implementation that fails every job with the reason it cannot run. Null for other URLs.
    /// </summary>
    public IFunctionImplementation? Resolve(string url)
    {
        if (!WasmModuleTransfer.TryParseUrl(url, out string? sha256)) return null;
        Entry entry;
        lock (_lock)
        {
            if (!_modules.TryGetValue(sha256, out entry)) entry = new Entry(null, $"module {sha256} was never sent to this executor");
        }
        return entry.Module is { } module
            ? new WasmFunction(module.Name, module, _options)
            : new Unavailable(WasmFunction.FailureMessage(url, entry.Error!));
    }

    private readonly record struct Entry(WasmModule? Module, string? Error);

    private sealed class Unavailable(string message) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Fail(message);
    }
}
