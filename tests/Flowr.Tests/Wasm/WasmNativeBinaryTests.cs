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
        // tests/flows/hostile-wasm: loop, oob, huge and garbage misbehave; alive prints.
        string flow = Path.Combine(FlowrProcess.RepositoryRoot, "tests", "flows", "hostile-wasm");

        var result = RunWithTimeout(flow, "300");

        // The flow ran to its end, with failed jobs: exit code 2 and the summary line.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flowr: 4 jobs failed; first: Job#", result.Stderr, StringComparison.Ordinal);
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
