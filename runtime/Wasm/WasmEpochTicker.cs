// Copyright (c) flowr contributors. MIT licence.
using Wasmtime;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Advances the engine's epoch every <see cref="WasmEngine.EpochTick"/> while WebAssembly runs, so that
/// each call running across a tick gets its deadline callback (<see cref="WasmInstance"/>), and sleeps
/// after a second in which no call saw a tick: an idle executor that once ran a module should not wake
/// 100 times a second for ever. A call that starts while it sleeps wakes it. The call path pays a read
/// of one flag and writes to its own instance only; the rare cost (a process-wide barrier) is paid
/// when the ticker goes to sleep.
/// </summary>
internal static class WasmEpochTicker
{
    private const int IdleTicksBeforeSleep = 100;

    private static readonly Lock s_lock = new();
    // Weak: an instance whose function was dropped without being disposed must not live on here.
    private static readonly List<WeakReference<WasmInstance>> s_instances = [];
    private static readonly ManualResetEventSlim s_wake = new(false);
    private static bool s_asleep;
    private static bool s_calledBack;

    /// <summary>True while the ticker sleeps for want of calls.</summary>
    internal static bool IsAsleep => Volatile.Read(ref s_asleep);

    /// <summary>Starts ticking for <paramref name="engine"/>; once per process.</summary>
    public static void Start(Engine engine) =>
        new Thread(() => Tick(engine)) { IsBackground = true, Name = "wasm-epoch" }.Start();

    /// <summary>An instance exists: the ticker looks at it before going to sleep.</summary>
    public static void Add(WasmInstance instance)
    {
        lock (s_lock)
        {
            s_instances.RemoveAll(static entry => !entry.TryGetTarget(out _));
            s_instances.Add(new WeakReference<WasmInstance>(instance));
        }
    }

    public static void Remove(WasmInstance instance)
    {
        lock (s_lock) s_instances.RemoveAll(entry => !entry.TryGetTarget(out var target) || target == instance);
    }

    /// <summary>A call (or an instantiation) begins; its instance says so first (<see cref="WasmInstance.InCall"/>).</summary>
    public static void CallStarting()
    {
        // NOTE: no fence here. The ticker sets s_asleep, then runs a barrier on every thread, then looks
        // at each instance's InCall: either it sees this call, or this read comes after the barrier and
        // sees it asleep (an asymmetric Dekker handshake).
        if (Volatile.Read(ref s_asleep)) s_wake.Set();
    }

    /// <summary>A running call got its deadline callback: WebAssembly is running across ticks.</summary>
    public static void CalledBack() => Volatile.Write(ref s_calledBack, true);

    private static void Tick(Engine engine)
    {
        int idleTicks = 0;
        while (true)
        {
            Thread.Sleep(WasmEngine.EpochTick);
            engine.IncrementEpoch();
            if (Volatile.Read(ref s_calledBack))
            {
                Volatile.Write(ref s_calledBack, false);
                idleTicks = 0;
                continue;
            }
            if (++idleTicks < IdleTicksBeforeSleep) continue;
            s_wake.Reset();
            Volatile.Write(ref s_asleep, true);
            Interlocked.MemoryBarrierProcessWide();
            bool busy;
            lock (s_lock) busy = s_instances.Exists(static entry => entry.TryGetTarget(out var instance) && instance.InCall);
            if (!busy) s_wake.Wait();
            Volatile.Write(ref s_asleep, false);
            idleTicks = 0;
        }
    }
}
