// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Wasm;

/// <summary>The provided-function ABI (runtime/Wasm/README.md), round trip and results.</summary>
public sealed class WasmFunctionTests
{
    internal static WasmFunction Function(string wat, WasmOptions? options = null, string name = "/flow/f") =>
        new(name, WasmModule.FromText(name + ".wat", wat), options);

    private static JobOutcome Run(WasmFunction function, params string[] inputs) =>
        function.Run(inputs.Select(ValueJson.Parse).ToArray());

    [Fact]
    public void Inputs_go_in_as_a_json_array_in_input_order()
    {
        using var echo = Function(WatModules.Echo);

        var outcome = Run(echo, "1", "\"two\"", "[3.5,{\"k\":null}]", "true");

        Assert.Null(outcome.Error);
        Assert.True(outcome.HasOutput);
        Assert.True(outcome.RunAgain);
        Assert.Equal("[1,\"two\",[3.5,{\"k\":null}],true]", ValueJson.ToCompactString(outcome.Output));
    }

    [Fact]
    public void Unicode_and_escapes_survive_the_round_trip()
    {
        using var echo = Function(WatModules.Echo);
        string text = "naïve ☕ 𝄞 \"quoted\"\n\t\\";

        var outcome = echo.Run([Value.FromString(text)]);

        Assert.Null(outcome.Error);
        Assert.Equal(text, outcome.Output.ArrayItems[0].AsString);
    }

    [Fact]
    public void Repeated_calls_on_one_instance_give_the_same_answer()
    {
        using var echo = Function(WatModules.Echo);
        for (int i = 0; i < 1000; i++)
        {
            var outcome = echo.Run([Value.FromInt64(i)]);
            Assert.Equal($"[{i}]", ValueJson.ToCompactString(outcome.Output));
        }
    }

    [Fact]
    public void A_null_value_means_no_output()
    {
        using var none = Function(WatModules.Constant("{\"Ok\":[null,false]}"));

        var outcome = Run(none, "1");

        Assert.Null(outcome.Error);
        Assert.False(outcome.HasOutput);
        Assert.False(outcome.RunAgain);
    }

    [Fact]
    public void Run_again_false_is_passed_on()
    {
        using var last = Function(WatModules.Constant("{\"Ok\":[42,false]}"));

        var outcome = Run(last, "1");

        Assert.True(outcome.HasOutput);
        Assert.Equal(42, outcome.Output.TryGetInt64(out long value) ? value : -1);
        Assert.False(outcome.RunAgain);
    }

    [Fact]
    public void An_err_result_is_an_error_naming_the_function_and_the_message()
    {
        using var failing = Function(WatModules.Constant("{\"Err\":\"bad input\"}"), name: "/root/checker");

        var outcome = Run(failing, "1");

        Assert.True(outcome.IsError);
        Assert.Equal("Provided function '/root/checker': bad input", outcome.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Ok\":[1]}")]
    [InlineData("{\"Ok\":[1,\"yes\"]}")]
    [InlineData("{\"Fine\":[1,true]}")]
    [InlineData("[1,true]")]
    [InlineData("")]
    public void A_malformed_result_is_an_error_quoting_it(string result)
    {
        using var odd = Function(WatModules.Constant(result));

        var outcome = Run(odd, "1");

        Assert.True(outcome.IsError);
        Assert.StartsWith("Provided function '/flow/f': the result '", outcome.Error);
        Assert.Contains(result, outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_of_exactly_the_default_cap_is_accepted_and_one_byte_more_is_not()
    {
        using var atCap = Function(WatModules.Constant(OkString(WasmOptions.DefaultResultCap)));
        using var overCap = Function(WatModules.Constant(OkString(WasmOptions.DefaultResultCap + 1)));

        Assert.Null(Run(atCap, "1").Error);
        var outcome = Run(overCap, "1");
        Assert.True(outcome.IsError);
        Assert.Contains("the result of 1025 bytes is larger than the cap of 1024 bytes", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raised_cap_allows_results_larger_than_1024_bytes()
    {
        string result = OkString(200_000);
        using var large = Function(WatModules.Constant(result), new WasmOptions { ResultCap = 256 * 1024 });

        var outcome = Run(large, "1");

        Assert.Null(outcome.Error);
        Assert.Equal(200_000 - "{\"Ok\":[\"\",true]}".Length, outcome.Output.AsString.Length);
    }

    [Fact]
    public void Inputs_larger_than_the_cap_are_passed_whole()
    {
        using var echo = Function(WatModules.Echo, new WasmOptions { ResultCap = 64 * 1024 });
        string text = new('x', 20_000);

        var outcome = echo.Run([Value.FromString(text)]);

        Assert.Null(outcome.Error);
        Assert.Equal(text, outcome.Output.ArrayItems[0].AsString);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(WasmOptions.MaxResultCap + 1)]
    public void The_result_cap_is_bounded(int cap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmOptions { ResultCap = cap });

    [Fact]
    public void Each_thread_has_its_own_instance()
    {
        using var counter = Function(WatModules.CallCounter);
        long[] first = new long[3];

        for (int i = 0; i < 3; i++) first[i] = Count(counter);
        long other = 0;
        var thread = new Thread(() => other = Count(counter));
        thread.Start();
        thread.Join();

        Assert.Equal([1, 2, 3], first);
        Assert.Equal(1, other);
        Assert.Equal(4, Count(counter));
    }

    [Fact]
    public void Calls_from_several_threads_at_once_each_get_their_own_answer()
    {
        using var echo = Function(WatModules.Echo);
        const int Threads = 8, Calls = 2000;
        int wrong = 0;
        using var start = new Barrier(Threads);

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < Calls; i++)
            {
                var outcome = echo.Run([Value.FromInt64(t), Value.FromString($"call {i}")]);
                if (outcome.Error is not null || ValueJson.ToCompactString(outcome.Output) != $"[{t},\"call {i}\"]")
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void The_same_module_bytes_are_compiled_once()
    {
        string wat = WatModules.Constant("{\"Ok\":[\"cached\",true]}");

        var first = WasmModule.FromText("a.wat", wat);
        var second = WasmModule.FromText("b.wat", wat);

        Assert.Same(first.Compiled, second.Compiled);
        Assert.Equal(("a.wat", "b.wat"), (first.Name, second.Name));
        Assert.True(WasmModule.IsCompiled(first.Sha256));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Wasmtime.Module.ConvertText(wat))), first.Sha256);
    }

    // Here, beside the test above, so that the two never run at once: this one fills the cache.
    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_a_forgotten_module_still_runs()
    {
        var first = WasmModule.FromText("first.wat", WatModules.Constant("{\"Ok\":[\"first\",true]}"));

        for (int i = 0; i <= WasmModule.MaxCachedModules; i++)
        {
            WasmModule.FromText($"m{i}.wat", WatModules.Constant($"{{\"Ok\":[{i},true]}}"));
            Assert.True(WasmModule.CachedCount <= WasmModule.MaxCachedModules, $"{WasmModule.CachedCount} modules cached");
        }

        Assert.False(WasmModule.IsCompiled(first.Sha256));
        using var function = WasmFunction.ForShippedModule(first, WasmOptions.Default);
        Assert.Equal("\"first\"", ValueJson.ToCompactString(function.Run([Value.Null]).Output));
    }

    [Fact]
    public void Modules_load_from_wasm_and_wat_files()
    {
        string directory = Directory.CreateTempSubdirectory("flowr-wasm-").FullName;
        try
        {
            string watPath = Path.Combine(directory, "echo.wat");
            File.WriteAllText(watPath, WatModules.Echo);
            string wasmPath = Path.Combine(directory, "echo.wasm");
            File.WriteAllBytes(wasmPath, Wasmtime.Module.ConvertText(WatModules.Echo));

            var fromText = WasmFunction.Load("/text", watPath);
            var fromBinary = WasmFunction.Load("/binary", wasmPath);

            Assert.Equal("[7]", ValueJson.ToCompactString(fromText.Run([Value.FromInt64(7)]).Output));
            Assert.Equal("[8]", ValueJson.ToCompactString(fromBinary.Run([Value.FromInt64(8)]).Output));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static long Count(WasmFunction counter)
    {
        var outcome = counter.Run([Value.FromInt64(0)]);
        Assert.Null(outcome.Error);
        return outcome.Output.TryGetInt64(out long count) ? count : -1;
    }

    // {"Ok":["xxx…",true]} of exactly `length` bytes.
    private static string OkString(int length)
    {
        const string Prefix = "{\"Ok\":[\"", Suffix = "\",true]}";
        return Prefix + new string('x', length - Prefix.Length - Suffix.Length) + Suffix;
    }
}
