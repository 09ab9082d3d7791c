// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>
/// An executor's own caps on the limits a coordinator ships with a module, and interruption of the
/// calls of a store whose connection ended.
/// </summary>
public sealed class WasmCapsTests
{
    private static readonly Value[] OneInput = [Value.FromInt64(1)];
    private const ulong DayMs = 24UL * 60 * 60 * 1000;
    private const ulong FourGiBInKiB = 4UL * 1024 * 1024;

    /// <summary>Grows its memory by <paramref name="pages"/> pages in one go (trapping when refused), then returns no output.</summary>
    private static string Grower(int pages) => $$"""
        (module
          (memory (export "memory") 1)
          (data (i32.const 0) "{\"Ok\":[null,false]}")
          (func (export "alloc") (param i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param $p i32) (param $len i32) (result i32)
            (if (i32.eq (memory.grow (i32.const {{pages}})) (i32.const -1)) (then unreachable))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 19))
            (i32.const 19)))
        """;

    private static IFunctionImplementation Shipped(WasmModuleStore store, WasmModule module, ulong timeoutMs, ulong memoryKiB)
    {
        store.Accept(ModuleFrameBody(module, timeoutMs, memoryKiB));
        return store.Resolve(WasmModuleTransfer.UrlFor(module))!;
    }

    private static byte[] ModuleFrameBody(WasmModule module, ulong timeoutMs, ulong memoryKiB)
    {
        using var buffer = new FrameBuffer();
        buffer.BeginFrame(WasmModuleTransfer.ModuleMessage);
        var writer = new ProtocolWriter(buffer);
        writer.WriteString(module.Sha256);
        writer.WriteString(module.Name);
        writer.WriteVarUInt((ulong)module.Binary.Length);
        writer.WriteBytes(module.Binary);
        writer.WriteVarUInt(1024);
        writer.WriteVarUInt(timeoutMs);
        writer.WriteVarUInt(memoryKiB);
        buffer.EndFrame();
        return buffer.WrittenSpan[5..].ToArray();
    }

    [Fact]
    public void A_day_long_timeout_from_the_coordinator_is_cut_to_the_executors_cap()
    {
        var module = WasmModule.FromText("loop.wat", WatModules.InfiniteLoop);
        using var store = new WasmModuleStore(new WasmCaps { MaxCallTime = TimeSpan.FromMilliseconds(300) });
        var loop = Shipped(store, module, DayMs, FourGiBInKiB);
        var watch = Stopwatch.StartNew();

        string? error = loop.Run(OneInput).Error;

        Assert.Equal("stopped after running longer than 0.3 s, this executor's cap (86400 s were asked for)", error);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_4_GiB_memory_limit_from_the_coordinator_is_cut_to_the_executors_cap()
    {
        // 32 MiB more: over a 16 MiB cap, under a 64 MiB one; the coordinator asked for 4 GiB each time.
        var module = WasmModule.FromText("grow.wat", Grower(512));
        using var small = new WasmModuleStore(new WasmCaps { MaxMemoryBytes = 16L * 1024 * 1024 });
        using var large = new WasmModuleStore(new WasmCaps { MaxMemoryBytes = 64L * 1024 * 1024 });

        var refused = Shipped(small, module, 10_000, FourGiBInKiB).Run(OneInput);
        var granted = Shipped(large, module, 10_000, FourGiBInKiB).Run(OneInput);

        Assert.Equal("trapped in 'grow.wat': wasm `unreachable` instruction executed (this executor caps memory at 16 MiB; 4096 MiB were asked for)",
            refused.Error);
        Assert.Null(granted.Error);
    }

    [Fact]
    public void Limits_under_the_caps_are_kept_as_the_coordinator_sent_them()
    {
        var caps = new WasmCaps { MaxMemoryBytes = 64L * 1024 * 1024, MaxCallTime = TimeSpan.FromSeconds(5) };
        var asked = new WasmOptions { ResultCap = 4096, MemoryLimitBytes = 8L * 1024 * 1024, CallTimeout = TimeSpan.FromSeconds(1) };

        var effective = caps.Apply(asked, out string? clamped);

        Assert.Same(asked, effective);
        Assert.Null(clamped);
    }

    [Fact]
    public void Clamping_keeps_the_result_cap_and_says_what_was_lowered()
    {
        var caps = new WasmCaps { MaxMemoryBytes = 256L * 1024 * 1024, MaxCallTime = TimeSpan.FromSeconds(10) };
        var asked = new WasmOptions { ResultCap = 4096, MemoryLimitBytes = 4L * 1024 * 1024 * 1024, CallTimeout = TimeSpan.FromHours(24) };

        var effective = caps.Apply(asked, out string? clamped);

        Assert.Equal((4096, 256L * 1024 * 1024, TimeSpan.FromSeconds(10)), (effective.ResultCap, effective.MemoryLimitBytes, effective.CallTimeout));
        Assert.Equal("86400 s a call lowered to 10 s, 4096 MiB of memory lowered to 256 MiB", clamped);
    }

    [Fact]
    public void Interrupting_the_store_stops_a_running_call_at_once_and_fails_later_ones()
    {
        var module = WasmModule.FromText("loop.wat", WatModules.InfiniteLoop);
        using var store = new WasmModuleStore(new WasmCaps { MaxCallTime = TimeSpan.FromMinutes(10) });
        var loop = Shipped(store, module, 600_000, 65_536);
        string? error = null;
        var caller = new Thread(() => error = loop.Run(OneInput).Error);
        caller.Start();
        Thread.Sleep(200);
        Assert.True(caller.IsAlive);

        var watch = Stopwatch.StartNew();
        store.Interrupt();
        Assert.True(caller.Join(TimeSpan.FromSeconds(10)), "the call was not interrupted");

        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        Assert.Equal("interrupted: the executor's session ended", error);
        watch.Restart();
        Assert.Equal("interrupted: the executor's session ended", loop.Run(OneInput).Error);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Interrupting_one_store_leaves_the_calls_of_another_running()
    {
        var module = WasmModule.FromText("grow-1.wat", Grower(1));
        using var ended = new WasmModuleStore();
        using var alive = new WasmModuleStore();
        var gone = Shipped(ended, module, 10_000, 65_536);
        var kept = Shipped(alive, module, 10_000, 65_536);

        ended.Interrupt();

        Assert.NotNull(gone.Run(OneInput).Error);
        Assert.Null(kept.Run(OneInput).Error);
    }
}
