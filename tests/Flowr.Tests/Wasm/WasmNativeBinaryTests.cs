// Copyright (c) flowr contributors. MIT licence.
using Flowr.Tests.Context;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Wasm;

/// <summary>
/// Provided functions in the native single-file flowr (publish/linux-x64/flowr, or $FLOWR_BIN):
/// Wasmtime travels inside the binary, is loaded only by flows that need it, and hostile modules
/// leave the runner working.
/// </summary>
public sealed class WasmNativeBinaryTests
{
    [Fact]
    public void The_publish_folder_has_no_side_by_side_wasmtime_library()
    {
        string folder = Path.GetDirectoryName(FlowrProcess.Binary)!;

        Assert.Empty(Directory.GetFiles(folder, "*wasmtime*"));
    }

    [Fact]
    public void A_flow_without_provided_functions_never_loads_wasmtime()
    {
        var result = FlowrProcess.Run(["-v", "info", WasmFlows.Example("fibonacci")]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Wasmtime loaded", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Reverse_echo_loads_the_embedded_wasmtime_and_reverses_every_line()
    {
        string stdin = File.ReadAllText(Path.Combine(WasmFlows.Example("reverse-echo"), "test.stdin"));

        var result = FlowrProcess.Run(["-v", "info", WasmFlows.Example("reverse-echo")], stdin: System.Text.Encoding.UTF8.GetBytes(stdin));

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Wasmtime loaded \(embedded( \(gzip\))?\) in [0-9.]+ ms", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WasmFlows.Sorted(WasmFlows.ReversedLines(stdin)), WasmFlows.Sorted(lines));
    }

    [Fact]
    public void Mandelbrot_writes_the_expected_image()
    {
        using var temp = new WasmFlows.TempDirectory();

        var result = FlowrProcess.Run([WasmFlows.Example("mandelbrot"), "out.png"], workingDirectory: temp.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var (_, _, expected, _) = PngReader.Decode(File.ReadAllBytes(Path.Combine(WasmFlows.Example("mandelbrot"), "expected.file")));
        var (_, _, actual, _) = PngReader.Decode(File.ReadAllBytes(Path.Combine(temp.Path, "out.png")));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Hostile_modules_give_errors_naming_the_function_and_the_flow_finishes()
    {
        using var temp = new WasmFlows.TempDirectory();
        temp.Write("root.toml", """
            flow = "hostile"

            [[process]]
            alias = "loop"
            source = "loop.toml"
            input.default = { once = 1 }

            [[process]]
            alias = "oob"
            source = "oob.toml"
            input.default = { once = 2 }

            [[process]]
            alias = "garbage"
            source = "garbage.toml"
            input.default = { once = 3 }

            [[process]]
            alias = "huge"
            source = "huge.toml"
            input.default = { once = 4 }

            [[process]]
            alias = "alive"
            source = "context://stdio/stdout"
            input.default = { once = "still running" }

            [[process]]
            alias = "out"
            source = "context://stdio/stdout"

            [[connection]]
            from = "loop"
            to = "out"

            [[connection]]
            from = "oob"
            to = "out"

            [[connection]]
            from = "garbage"
            to = "out"

            [[connection]]
            from = "huge"
            to = "out"
            """);
        foreach (var (name, file) in new[] { ("loop", "loop.wat"), ("oob", "oob.wat"), ("garbage", "garbage.wasm"), ("huge", "huge.wat") })
        {
            temp.Write(name + ".toml", $"function = \"{name}\"\nsource = \"{file}\"\n\n[[input]]\n\n[[output]]\n");
        }
        const string Exports = """(memory (export "memory") 1) (func (export "alloc") (param i32) (result i32) (i32.const 1024))""";
        temp.Write("loop.wat", $"(module {Exports} (func (export \"run_wasm\") (param i32 i32) (result i32) (loop $l (br $l)) (i32.const 0)))");
        temp.Write("oob.wat", $"(module {Exports} (func (export \"run_wasm\") (param i32 i32) (result i32) (i32.load (i32.const -16))))");
        temp.Write("huge.wat", $"(module {Exports} (func (export \"run_wasm\") (param i32 i32) (result i32) (i32.const 2000000000)))");
        temp.Write("garbage.wasm", "this is not WebAssembly");

        var result = RunWithTimeout(temp.Path, "300");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("still running\n", result.Stdout);
        Assert.Contains("Provided function '/hostile/loop': stopped after running longer than 0.3 s", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Provided function '/hostile/oob': trapped in ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("out of bounds memory access", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Provided function '/hostile/garbage': ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is not a WebAssembly module", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Provided function '/hostile/huge': the result of 2000000000 bytes is larger than the cap of 1024 bytes", result.Stderr,
            StringComparison.Ordinal);
    }

    private static FlowrProcess.Result RunWithTimeout(string flow, string milliseconds)
    {
        Environment.SetEnvironmentVariable("FLOWR_WASM_TIMEOUT_MS", milliseconds);
        try
        {
            return FlowrProcess.Run([flow], timeout: TimeSpan.FromSeconds(30));
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLOWR_WASM_TIMEOUT_MS", null);
        }
    }
}
