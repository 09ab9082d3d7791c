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
/// cached for the next connection). A connection may send at most <see cref="MaxModules"/> modules
/// of at most <see cref="MaxModuleBytes"/> in all: more is no flow's need, so it is a protocol error.
/// </summary>
public sealed class WasmModuleStore : IDisposable
{
    /// <summary>The most distinct modules one connection may send.</summary>
    public const int MaxModules = 64;

    /// <summary>The most module bytes one connection may send, counted once per distinct module: 256 MiB.</summary>
    public const long MaxModuleBytes = 256L * 1024 * 1024;

    private readonly Dictionary<string, Entry> _modules = new(StringComparer.Ordinal);
    private readonly int _maxModules = MaxModules;
    private readonly long _maxBytes = MaxModuleBytes;
    private long _bytes;
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

    /// <summary>A store with other limits on what one connection may send (tests).</summary>
    internal WasmModuleStore(WasmCaps caps, int maxModules, long maxBytes)
        : this(caps)
    {
        _maxModules = maxModules;
        _maxBytes = maxBytes;
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
    /// process). Throws <see cref="Protocol.ProtocolException"/> for a malformed frame, and for a module
    /// beyond the connection's limits (<see cref="MaxModules"/>, <see cref="MaxModuleBytes"/>).
    /// </summary>
    public void Accept(ReadOnlySpan<byte> body)
    {
        var (sha256, name, binary, limits) = WasmModuleTransfer.ReadModule(body);
        CountAgainstLimits(sha256, binary.Length);
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

    // Checked before the module is hashed or compiled, so going over costs the executor nothing.
    private void CountAgainstLimits(string sha256, int length)
    {
        lock (_lock)
        {
            if (_modules.ContainsKey(sha256)) return;
            if (_modules.Count >= _maxModules)
            {
                throw new Protocol.ProtocolException($"more than {_maxModules} modules on one connection");
            }
            if (_bytes + length > _maxBytes)
            {
                throw new Protocol.ProtocolException($"more than {_maxBytes / (1024 * 1024)} MiB of modules on one connection");
            }
            _bytes += length;
        }
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
