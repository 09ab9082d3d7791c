// Copyright (c) flowr contributors. MIT licence.
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// The process's one Wasmtime engine, created on first use (so a flow without provided functions
/// never loads Wasmtime), with epoch interruption driven by <see cref="WasmEpochTicker"/> and the 2 MiB wasm
/// stack that upstream flow gives a provided function. At every tick a running call checks its time
/// limit and whether it was interrupted (<see cref="WasmInstance"/>).
/// </summary>
internal static class WasmEngine
{
    /// <summary>How often the engine's epoch advances: how often a running call checks its deadline and for an interruption.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private const int MaxWasmStackBytes = 2 * 1024 * 1024;
    private static readonly Lock s_lock = new();
    private static Engine? s_engine;

    public static Engine Instance
    {
        get
        {
            var engine = Volatile.Read(ref s_engine);
            return engine ?? Create();
        }
    }

    /// <summary>
    /// Loads Wasmtime (and creates the engine) before any other Wasmtime call: the embedded native
    /// library is only found once its resolver is registered. Throws <see cref="WasmException"/>
    /// when the native library cannot be loaded.
    /// </summary>
    public static void EnsureLoaded() => _ = Instance;

    private static Engine Create()
    {
        lock (s_lock)
        {
            if (s_engine is not null) return s_engine;
            WasmNativeLibrary.EnsureRegistered();
            Engine engine;
            try
            {
                using var config = new Config()
                    .WithEpochInterruption(true)
                    .WithMaximumStackSize(MaxWasmStackBytes)
                    .WithOptimizationLevel(OptimizationLevel.Speed);
                engine = new Engine(config);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or IOException or InvalidOperationException)
            {
                throw new WasmException($"the WebAssembly runtime (Wasmtime) could not be loaded: {e.Message}", e);
            }
            WasmEpochTicker.Start(engine);
            Volatile.Write(ref s_engine, engine);
            return engine;
        }
    }
}
