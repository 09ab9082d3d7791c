// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>
/// Hostile and broken modules (issue 6, runtime/Wasm/README.md): each gives an error outcome
/// naming the function and the reason, never a crash or a hang, and the function keeps working.
/// </summary>
public sealed class WasmHostileModuleTests
{
    private static readonly Value[] OneInput = [Value.FromInt64(1)];

    private static string? ErrorOf(string wat, WasmOptions? options = null)
    {
        using var function = WasmFunctionTests.Function(wat, options, "/flow/hostile");
        return function.Run(OneInput).Error;
    }

    [Fact]
    public void An_infinite_loop_is_stopped_at_the_call_timeout()
    {
        var options = new WasmOptions { CallTimeout = TimeSpan.FromMilliseconds(200) };
        var watch = Stopwatch.StartNew();

        string? error = ErrorOf(WatModules.InfiniteLoop, options);

        Assert.Equal("Provided function '/flow/hostile': stopped after running longer than 0.2 s", error);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_out_of_bounds_access_is_a_trap_error()
    {
        string? error = ErrorOf(WatModules.OutOfBounds);

        Assert.NotNull(error);
        Assert.StartsWith("Provided function '/flow/hostile': trapped in '/flow/hostile.wat': ", error);
        Assert.Contains("out of bounds", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreachable_is_a_trap_error() =>
        Assert.Contains("unreachable", ErrorOf(WatModules.Unreachable), StringComparison.Ordinal);

    [Fact]
    public void Unbounded_recursion_is_a_stack_overflow_error() =>
        Assert.Equal("Provided function '/flow/hostile': trapped in '/flow/hostile.wat': call stack exhausted", ErrorOf(WatModules.DeepRecursion));

    [Fact]
    public void Growing_memory_past_the_limit_fails()
    {
        string? error = ErrorOf(WatModules.MemoryHog, new WasmOptions { MemoryLimitBytes = 16 * 1024 * 1024 });

        Assert.NotNull(error);
        Assert.Contains("unreachable", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_result_length_is_an_error()
    {
        Assert.Equal("Provided function '/flow/hostile': the result of 1073741824 bytes is larger than the cap of 1024 bytes (module '/flow/hostile.wat')",
            ErrorOf(WatModules.HugeResult));
    }

    [Fact]
    public void A_negative_result_length_is_an_error() =>
        Assert.Contains("negative result length -5", ErrorOf(WatModules.NegativeResult), StringComparison.Ordinal);

    [Fact]
    public void An_alloc_pointer_outside_memory_is_an_error() =>
        Assert.Contains("'alloc(1024)' returned 4294967280, outside its 65536-byte memory",
            ErrorOf(WatModules.WithAllocReturning(-16)), StringComparison.Ordinal);

    [Theory]
    [InlineData(nameof(WatModules.MissingRun), "does not export a function 'run_wasm'")]
    [InlineData(nameof(WatModules.MissingMemory), "does not export a memory named 'memory'")]
    [InlineData(nameof(WatModules.WrongRunSignature), "exports 'run_wasm' with the wrong signature (expected (i32, i32) -> i32)")]
    [InlineData(nameof(WatModules.WithImport), "imports 'wasi_snapshot_preview1.fd_write', but provided functions are offered no imports")]
    public void A_module_breaking_the_abi_is_rejected_with_the_reason(string module, string reason)
    {
        string wat = (string)typeof(WatModules).GetProperty(module, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public)!.GetValue(null)!;
        string path = WriteTemp(wat, ".wat");
        try
        {
            var function = WasmFunction.Load("/flow/broken", path);

            string? error = function.Run(OneInput).Error;

            Assert.Equal($"Provided function '/flow/broken': '{path}' {reason}", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0 }, "is not a WebAssembly module (no \\0asm header)")]
    [InlineData(new byte[] { 0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0, 0xff, 0xff }, "is not a valid WebAssembly module: ")]
    [InlineData(new byte[0], "is not a WebAssembly module (no \\0asm header)")]
    public void A_file_that_is_not_wasm_gives_an_error_on_every_call(byte[] bytes, string reason)
    {
        string path = WriteTemp(bytes, ".wasm");
        try
        {
            var function = WasmFunction.Load("/flow/garbage", path);

            for (int i = 0; i < 2; i++)
            {
                string? error = function.Run(OneInput).Error;
                Assert.StartsWith($"Provided function '/flow/garbage': '{path}' {reason}", error);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_text_is_an_error()
    {
        string path = WriteTemp("(module (func $f (result i32)))", ".wat");
        try
        {
            Assert.Contains("is not a valid WebAssembly", WasmFunction.Load("/flow/t", path).Run(OneInput).Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error() =>
        Assert.Contains("cannot read module '/nonexistent/f.wasm'", WasmFunction.Load("/flow/m", "/nonexistent/f.wasm").Run(OneInput).Error,
            StringComparison.Ordinal);

    [Fact]
    public void After_a_trap_the_next_call_runs_on_a_fresh_instance()
    {
        // Traps on every third call counted by its instance; a fresh instance restarts the count.
        string wat = WatModules.WithRunBody("""
            (global.set $n (i32.add (global.get $n) (i32.const 1)))
            (if (i32.eq (global.get $n) (i32.const 3)) (then unreachable))
            (memory.copy (local.get $p) (i32.const 0) (i32.const 15))
            (i32.store8 (i32.add (local.get $p) (i32.const 7)) (i32.add (i32.const 48) (global.get $n)))
            (i32.const 15)
            """).Replace("(memory (export \"memory\") 1)", "(memory (export \"memory\") 1) (global $n (mut i32) (i32.const 0)) (data (i32.const 0) \"{\\\"Ok\\\":[0,true]}\")", StringComparison.Ordinal);
        using var function = WasmFunctionTests.Function(wat);

        var counts = Enumerable.Range(0, 5).Select(_ => function.Run(OneInput)).Select(o => o.IsError ? "error" : ValueJson.ToCompactString(o.Output)).ToArray();

        Assert.Equal(["1", "2", "error", "1", "2"], counts);
    }

    [Fact]
    public void Hostile_calls_on_several_threads_leave_the_process_running()
    {
        var options = new WasmOptions { CallTimeout = TimeSpan.FromMilliseconds(100) };
        using var loop = WasmFunctionTests.Function(WatModules.InfiniteLoop, options, "/loop");
        using var trap = WasmFunctionTests.Function(WatModules.OutOfBounds, options, "/trap");
        using var echo = WasmFunctionTests.Function(WatModules.Echo, options, "/echo");
        var errors = new System.Collections.Concurrent.ConcurrentBag<string?>();

        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                errors.Add(loop.Run(OneInput).Error);
                errors.Add(trap.Run(OneInput).Error);
                errors.Add(echo.Run(OneInput).Error is null ? "echo ok" : "echo failed");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(12, errors.Count(e => e is not null && e.StartsWith("Provided function '/loop': stopped", StringComparison.Ordinal)));
        Assert.Equal(12, errors.Count(e => e is not null && e.StartsWith("Provided function '/trap': trapped", StringComparison.Ordinal)));
        Assert.Equal(12, errors.Count(e => e == "echo ok"));
    }

    private static string WriteTemp(string text, string extension) => WriteTemp(System.Text.Encoding.UTF8.GetBytes(text), extension);

    private static string WriteTemp(byte[] bytes, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"flowr-wasm-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
