// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>Runs alone: other tests' WebAssembly calls would keep the epoch ticker awake.</summary>
[CollectionDefinition(nameof(EpochTickerCollection), DisableParallelization = true)]
public sealed class EpochTickerCollection;

/// <summary>The epoch ticker sleeps when no WebAssembly runs, and a call wakes it.</summary>
[Collection(nameof(EpochTickerCollection))]
public sealed class WasmEpochTickerTests
{
    private static readonly Value[] OneInput = [Value.FromInt64(1)];

    [Fact]
    public void The_ticker_sleeps_a_second_after_the_last_call_and_a_call_with_a_deadline_wakes_it()
    {
        using var echo = WasmFunctionTests.Function(WatModules.Echo);
        Assert.False(echo.Run(OneInput).IsError);
        // NOTE: it counts a second from its last tick that saw a call running, which may be an earlier
        // test's: so first let it fall asleep, then wake it with a call and time from that call.
        WaitUntil(() => WasmEpochTicker.IsAsleep, "the ticker never went to sleep");
        var idle = Stopwatch.StartNew();
        Assert.False(echo.Run(OneInput).IsError);
        WaitUntil(() => !WasmEpochTicker.IsAsleep, "a call did not wake the ticker");
        WaitUntil(() => WasmEpochTicker.IsAsleep, "the ticker never went to sleep again");
        Assert.True(idle.Elapsed >= TimeSpan.FromMilliseconds(800), $"asleep after {idle.Elapsed.TotalMilliseconds:0} ms");

        using var loop = WasmFunctionTests.Function(WatModules.InfiniteLoop, new WasmOptions { CallTimeout = TimeSpan.FromMilliseconds(200) }, "/loop");
        string? error = null;
        var watch = Stopwatch.StartNew();
        var caller = new Thread(() => error = loop.Run(OneInput).Error) { IsBackground = true };
        caller.Start();

        Assert.True(caller.Join(TimeSpan.FromSeconds(10)), "no tick reached the call: the ticker stayed asleep");
        Assert.Equal("Provided function '/loop': stopped after running longer than 0.2 s", error);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(2));
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), failure);
            Thread.Sleep(1);
        }
    }
}
