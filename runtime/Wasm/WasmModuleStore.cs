// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// The executor's side of module shipping (<see cref="WasmModuleTransfer"/>): the modules received on
/// one connection, by hash, each run with the limits the coordinator sent with it, lowered to this
/// executor's <see cref="WasmCaps"/> where they ask for more. A module whose bytes do not match its
/// hash, or that does not load, is remembered with the reason and resolves to an
/// <see cref="UnavailableImplementation"/>: the executor keeps running, refuses its jobs, and the
/// coordinator sees why. Thread-safe. <see cref="Interrupt"/> stops the calls still running when the
/// connection ends; disposing releases the instances of the functions it made (compiled modules stay
/// cached for the next connection).
/// </summary>
public sealed class WasmModuleStore : IDisposable
{
    private readonly Dictionary<string, Entry> _modules = new(StringComparer.Ordinal);
    private readonly List<WasmFunction> _functions = [];
    private readonly Lock _lock = new();
    private readonly string? _refusal;
    private readonly WasmCaps _caps = WasmCaps.Default;
    private readonly CancellationTokenSource _interrupt = new();

    /// <summary>Creates an empty store that runs the modules it receives, within the default caps.</summary>
    public WasmModuleStore()
    {
    }

    /// <summary>Creates an empty store that runs the modules it receives, within <paramref name="caps"/>.</summary>
    public WasmModuleStore(WasmCaps caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        _caps = caps;
    }

    private WasmModuleStore(string refusal) => _refusal = refusal;

    /// <summary>A store that checks module frames but runs no WebAssembly: every module resolves to <paramref name="reason"/>.</summary>
    public static WasmModuleStore Refusing(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new WasmModuleStore(reason);
    }

    /// <summary>
    /// Takes a <c>module</c> frame body: verifies the SHA-256 and compiles the module (once per
    /// process). Throws <see cref="Protocol.ProtocolException"/> only for a malformed frame.
    /// </summary>
    public void Accept(ReadOnlySpan<byte> body)
    {
        var (sha256, name, binary, limits) = WasmModuleTransfer.ReadModule(body);
        Entry entry;
        if (_refusal is not null)
        {
            entry = Entry.Refused($"module '{name}': {_refusal}");
        }
        else if (WasmModule.HashOf(binary) is var actual && actual != sha256)
        {
            entry = Entry.Refused($"module '{name}' arrived with SHA-256 {actual}, not the announced {sha256}");
        }
        else
        {
            try
            {
                var module = WasmModule.FromBinary(name, binary);
                var effective = _caps.Apply(limits, out string? clamped);
                if (clamped is not null) Log.Warn($"Module '{name}' runs within this executor's caps: {clamped}");
                entry = new Entry(module, effective, null);
            }
            catch (WasmException e)
            {
                entry = Entry.Refused(e.Message);
            }
        }
        lock (_lock) _modules[sha256] = entry;
    }

    /// <summary>
    /// The implementation behind a <c>wasm://sha256/…</c> URL: the module's function, or an
    /// <see cref="UnavailableImplementation"/> with the reason it cannot run. Null for other URLs.
    /// </summary>
    public IFunctionImplementation? Resolve(string url)
    {
        if (!WasmModuleTransfer.TryParseUrl(url, out string? sha256)) return null;
        lock (_lock)
        {
            if (!_modules.TryGetValue(sha256, out var entry)) return new UnavailableImplementation($"module {sha256} was never sent to this executor");
            if (entry.Module is null) return new UnavailableImplementation(entry.Error!);
            var function = WasmFunction.ForShippedModule(entry.Module, entry.Limits!, _interrupt.Token);
            _functions.Add(function);
            return function;
        }
    }

    /// <summary>
    /// Stops the calls of this store's functions: a running call ends within an epoch tick
    /// (<see cref="WasmEngine.EpochTick"/>) with an error, and later calls fail at once. Any thread may
    /// call it, any number of times; the executor does when its connection ends or it is told to stop.
    /// </summary>
    public void Interrupt()
    {
        try
        {
            _interrupt.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed already: nothing runs any more.
        }
    }

    /// <summary>Releases every instance of the functions this store made; call when no job of them runs any more.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var function in _functions) function.Dispose();
            _functions.Clear();
        }
        _interrupt.Dispose();
    }

    private readonly record struct Entry(WasmModule? Module, WasmOptions? Limits, string? Error)
    {
        public static Entry Refused(string reason) => new(null, null, reason);
    }
}
