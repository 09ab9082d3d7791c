// Copyright (c) flowr contributors. MIT licence.
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Advances the engine's epoch every <see cref="WasmEngine.EpochTick"/> while WebAssembly runs, so that
/// each running call gets its deadline callback (<see cref="WasmInstance"/>), and sleeps once no call
/// has run for a second: an idle executor that once ran a module should not wake 100 times a second
/// for ever. A call wakes it when it starts (<see cref="CallStarting"/>).
/// </summary>
internal static class WasmEpochTicker
{
    private const int IdleTicksBeforeSleep = 100;
    // High 32 bits: calls started (wrapping); low 32 bits: calls running. One atomic add per start.
    private const long StartedOne = 1L << 32;

    private static readonly ManualResetEventSlim s_wake = new(false);
    private static long s_calls;
    private static bool s_asleep;

    /// <summary>Starts ticking for <paramref name="engine"/>; once per process.</summary>
    public static void Start(Engine engine) =>
        new Thread(() => Tick(engine)) { IsBackground = true, Name = "wasm-epoch" }.Start();

    /// <summary>True while the ticker sleeps for want of calls.</summary>
    internal static bool IsAsleep => Volatile.Read(ref s_asleep);

    /// <summary>A call (or an instantiation) begins on this thread.</summary>
    public static void CallStarting()
    {
        Interlocked.Add(ref s_calls, StartedOne + 1);
        // NOTE: the add above is a full fence, as is the ticker's between setting s_asleep and reading
        // s_calls: either the ticker sees this call, or this call sees the ticker asleep and wakes it.
        if (Volatile.Read(ref s_asleep)) s_wake.Set();
    }

    /// <summary>The call begun by <see cref="CallStarting"/> is over.</summary>
    public static void CallEnded() => Interlocked.Decrement(ref s_calls);

    private static void Tick(Engine engine)
    {
        long seen = Volatile.Read(ref s_calls);
        int idleTicks = 0;
        while (true)
        {
            Thread.Sleep(WasmEngine.EpochTick);
            engine.IncrementEpoch();
            long calls = Volatile.Read(ref s_calls);
            bool active = (int)calls != 0 || calls != seen;
            seen = calls;
            if (active)
            {
                idleTicks = 0;
                continue;
            }
            if (++idleTicks < IdleTicksBeforeSleep) continue;
            s_wake.Reset();
            Volatile.Write(ref s_asleep, true);
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref s_calls) == seen) s_wake.Wait();
            Volatile.Write(ref s_asleep, false);
            idleTicks = 0;
            seen = Volatile.Read(ref s_calls);
        }
    }
}
