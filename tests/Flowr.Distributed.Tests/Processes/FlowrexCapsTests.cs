// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Globalization;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// The native flowrex bounds what a coordinator may ask (--max-wasm-memory, --max-wasm-time,
/// --max-value-size), stops the jobs of a connection that ended, and ends within a second of SIGTERM or
/// SIGINT even while WebAssembly jobs loop. The coordinator is <see cref="FakeCoordinator"/>.
/// </summary>
public sealed class FlowrexCapsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private const ulong DayMs = 24UL * 60 * 60 * 1000;
    private const ulong FourGiBInKiB = 4UL * 1024 * 1024;
    private static readonly Value[] OneInput = [Value.FromInt64(1)];

    private const string Loop = """
        (module (memory (export "memory") 1)
          (func (export "alloc") (param i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param i32 i32) (result i32) (loop $l (br $l)) (i32.const 0)))
        """;

    // Grows its memory by 32 MiB in one go, trapping when that is refused.
    private const string Grow32MiB = """
        (module (memory (export "memory") 1)
          (data (i32.const 0) "{\"Ok\":[null,false]}")
          (func (export "alloc") (param i32) (result i32) (i32.const 1024))
          (func (export "run_wasm") (param $p i32) (param i32) (result i32)
            (if (i32.eq (memory.grow (i32.const 512)) (i32.const -1)) (then unreachable))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 19))
            (i32.const 19)))
        """;

    private static readonly WasmModule LoopModule = WasmModule.FromText("loop.wat", Loop);

    [Fact]
    public void A_module_asking_for_a_day_and_4_GiB_runs_within_the_caps_of_flowrex()
    {
        using var coordinator = new FakeCoordinator(Limit);
        using var flowrex = Child.Start(Binaries.Flowrex,
            ["-v", "info", "-t", "1", "--max-wasm-time", "500ms", "--max-wasm-memory", "16M", "--coordinator", coordinator.Address]);
        coordinator.AcceptAndWelcome();
        coordinator.SendModule(0, LoopModule, DayMs, FourGiBInKiB);
        coordinator.SendModule(1, WasmModule.FromText("grow.wat", Grow32MiB), DayMs, FourGiBInKiB);
        var watch = Stopwatch.StartNew();

        coordinator.SendJobs((1, 0, OneInput), (2, 1, OneInput));
        var results = coordinator.WaitForResults(2);

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(10));
        Assert.Equal("stopped after running longer than 0.5 s, this executor's cap (86400 s were asked for)", results[1].Error);
        Assert.Equal("trapped in 'grow.wat': wasm `unreachable` instruction executed (this executor caps memory at 16 MiB; 4096 MiB were asked for)",
            results[2].Error);
        flowrex.WaitForStderr(l => l == "WARN - Module 'loop.wat' runs within this executor's caps: 86400 s a call lowered to 0.5 s, 4096 MiB of memory lowered to 16 MiB", Limit);
    }

    [Fact]
    public void An_input_or_result_over_the_largest_value_size_gives_an_error_result_and_flowrex_goes_on()
    {
        using var coordinator = new FakeCoordinator(Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "info", "-t", "1", "--max-value-size", "1K", "--coordinator", coordinator.Address]);
        coordinator.AcceptAndWelcome();
        coordinator.Announce(0, "lib://flowstdlib/data/duplicate");

        // 10 and 1,000 copies of "x": 32 and 3,003 bytes encoded; then a 2,000-byte input. The cap is 1,024.
        coordinator.SendJobs((1, 0, [Value.FromString("x"), Value.FromInt64(10)]), (2, 0, [Value.FromString("x"), Value.FromInt64(1000)]),
            (3, 0, [Value.FromString(new string('z', 2000)), Value.FromInt64(1)]), (4, 0, [Value.FromString("y"), Value.FromInt64(2)]));
        var results = coordinator.WaitForResults(4);

        Assert.Equal(10, results[1].Output.ArrayItems.Length);
        Assert.Equal("the result is larger than this executor's largest value size of 1024 bytes (flowrex --max-value-size)", results[2].Error);
        Assert.Equal("an input is larger than this executor's largest value size of 1024 bytes (flowrex --max-value-size)", results[3].Error);
        Assert.Equal("[\"y\",\"y\"]", ValueJson.ToCompactString(results[4].Output));
        Assert.False(flowrex.HasExited);
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public void A_stop_signal_ends_flowrex_within_a_second_while_its_jobs_loop(string signal)
    {
        using var coordinator = new FakeCoordinator(Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "2", "--coordinator", coordinator.Address]);
        coordinator.AcceptAndWelcome();
        coordinator.SendModule(0, LoopModule, DayMs, FourGiBInKiB);
        coordinator.SendJobs((1, 0, OneInput), (2, 0, OneInput));
        WaitUntilBusy(flowrex.Pid);

        var watch = Stopwatch.StartNew();
        Signal(flowrex.Pid, signal);
        int code = flowrex.WaitForExit(Limit);
        output.WriteLine($"SIG{signal} to exit: {watch.Elapsed.TotalMilliseconds:0} ms");

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"flowrex took {watch.Elapsed.TotalMilliseconds:0} ms to stop");
        Assert.Equal(0, code);
        Assert.DoesNotContain(flowrex.StderrLines, l => l.Contains("did not stop", StringComparison.Ordinal));
        // flowrex's default caps, logged when the module came: 10 s and 256 MiB.
        Assert.Contains("WARN - Module 'loop.wat' runs within this executor's caps: 86400 s a call lowered to 10 s, 4096 MiB of memory lowered to 256 MiB",
            flowrex.StderrLines);
    }

    [Fact]
    public void The_looping_jobs_of_a_connection_that_drops_are_stopped_and_flowrex_serves_the_next_one()
    {
        using var coordinator = new FakeCoordinator(Limit);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "2", "--max-wasm-time", "10m", "--coordinator", coordinator.Address]);
        coordinator.AcceptAndWelcome();
        coordinator.SendModule(0, LoopModule, DayMs, 65_536);
        coordinator.SendJobs((1, 0, OneInput), (2, 0, OneInput));
        WaitUntilBusy(flowrex.Pid);

        var watch = Stopwatch.StartNew();
        coordinator.Drop();
        // flowrex learns of the drop when a heartbeat cannot be sent (they go a second apart), stops its
        // calls, and connects again only once the threads of the old session are free.
        coordinator.AcceptAndWelcome();
        var back = watch.Elapsed;
        coordinator.Announce(0, "lib://flowstdlib/math/add");
        coordinator.SendJobs((7, 0, [Value.FromInt64(2), Value.FromInt64(3)]));

        Assert.Equal("5", ValueJson.ToCompactString(coordinator.WaitForResults(1)[7].Output));
        WaitUntilIdle(flowrex.Pid, TimeSpan.FromSeconds(3));
        Assert.True(back < TimeSpan.FromSeconds(5), $"flowrex came back {back.TotalSeconds:0.0} s after the drop");
        flowrex.WaitForStderr(l => l.StartsWith("DEBUG - Job #1 ", StringComparison.Ordinal)
            && l.EndsWith("error: interrupted: the executor's session ended", StringComparison.Ordinal), Limit);
    }

    [Theory]
    [InlineData("--max-wasm-memory", "12Q", "--max-wasm-memory needs a size from 64K to 4G, like 256M (got '12Q')")]
    [InlineData("--max-wasm-memory", "8G", "--max-wasm-memory needs a size from 64K to 4G, like 256M (got '8G')")]
    [InlineData("--max-wasm-time", "0s", "--max-wasm-time needs a time up to 24h, like 10s or 500ms (got '0s')")]
    [InlineData("--max-wasm-time", "2d", "--max-wasm-time needs a time up to 24h, like 10s or 500ms (got '2d')")]
    [InlineData("--max-value-size", "8", "--max-value-size needs a size of at least 16 bytes (and at most 2G), like 64M (got '8')")]
    public void A_bad_cap_is_refused_with_the_reason(string option, string value, string message)
    {
        using var flowrex = Child.Start(Binaries.Flowrex, [option, value]);

        Assert.Equal(1, flowrex.WaitForExit(Limit));
        Assert.Equal("flowrex: " + message, flowrex.Stderr);
    }

    /// <summary>User and system CPU time of a process so far, in clock ticks (/proc/PID/stat, fields 14 and 15).</summary>
    private static long CpuTicks(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>CPU ticks (1/100 s) a process used over <paramref name="window"/>.</summary>
    private static long CpuOver(int pid, TimeSpan window)
    {
        long before = CpuTicks(pid);
        Thread.Sleep(window);
        return CpuTicks(pid) - before;
    }

    // Busy: at least a fifth of a core over half a second (the machine is shared, so no more is promised).
    private static void WaitUntilBusy(int pid)
    {
        var deadline = Stopwatch.StartNew();
        while (CpuOver(pid, TimeSpan.FromMilliseconds(500)) < 10)
        {
            Assert.True(deadline.Elapsed < Limit, "the looping jobs never used the CPU");
        }
    }

    // Idle: under a twentieth of a core over a second.
    private static void WaitUntilIdle(int pid, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (CpuOver(pid, TimeSpan.FromSeconds(1)) >= 5)
        {
            Assert.True(deadline.Elapsed < limit, $"flowrex still uses the CPU {deadline.Elapsed.TotalSeconds:0.0} s after its connection dropped");
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("/bin/kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
