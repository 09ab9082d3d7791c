// Copyright (c) flowr contributors. MIT licence.
using Flowr.Cli;
using Flowr.Tests.Context;

namespace Flowr.Tests.Wasm;

/// <summary>The provided-function examples run inside the test process, checked against results computed here.</summary>
public sealed class WasmExampleTests
{
    private const int Width = 120, Height = 80;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Reverse_echo_reverses_every_line(int threads)
    {
        string stdin = File.ReadAllText(Path.Combine(WasmFlows.Example("reverse-echo"), "test.stdin"));
        var options = new RunnerOptions { Flow = WasmFlows.Example("reverse-echo") };
        if (threads > 0) options = options with { Threads = threads };

        var run = WasmFlows.InProcess(options, stdin);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WasmFlows.Sorted(WasmFlows.ReversedLines(stdin)), WasmFlows.Sorted(lines));
        var expected = File.ReadAllLines(Path.Combine(WasmFlows.Example("reverse-echo"), "expected_unordered.stdout"));
        Assert.Equal(WasmFlows.Sorted(expected), WasmFlows.Sorted(lines));
    }

    [Fact]
    public void Mandelbrot_draws_the_set_and_matches_its_expected_file()
    {
        using var temp = new WasmFlows.TempDirectory();
        string image = Path.Combine(temp.Path, "mandelbrot.png");

        var run = WasmFlows.InProcess(new RunnerOptions { Flow = WasmFlows.Example("mandelbrot"), FlowArgs = [image] });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var (width, height, rgb, _) = PngReader.Decode(File.ReadAllBytes(image));
        Assert.Equal((Width, Height), (width, height));
        var reference = WasmFlows.MandelbrotReference(Width, Height, -2.2, 1.2, 1.0, -1.2);
        int differing = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.Equal(rgb[3 * i], rgb[3 * i + 1]);
            Assert.Equal(rgb[3 * i], rgb[3 * i + 2]);
            if (rgb[3 * i] != reference[i]) differing++;
        }
        // The module passes points through 15-decimal JSON, so a few boundary pixels may differ by rounding.
        Assert.True(differing <= reference.Length / 200, $"{differing} of {reference.Length} pixels differ from the C# reference");
        Assert.Contains(reference, level => level == 255);

        var (_, _, expected, _) = PngReader.Decode(File.ReadAllBytes(Path.Combine(WasmFlows.Example("mandelbrot"), "expected.file")));
        Assert.Equal(expected, rgb);
    }

    [Fact]
    public void A_compiled_manifest_finds_its_modules_relative_to_itself()
    {
        using var temp = new WasmFlows.TempDirectory();
        string source = WasmFlows.Example("reverse-echo");
        temp.Copy(Path.Combine(source, "root.toml"), "flow/root.toml");
        temp.Copy(Path.Combine(source, "reverse", "reverse.toml"), "flow/reverse/reverse.toml");
        temp.Copy(Path.Combine(source, "reverse", "reverse.wasm"), "flow/reverse/reverse.wasm");
        string flow = Path.Combine(temp.Path, "flow");

        Assert.Equal(0, WasmFlows.InProcess(new RunnerOptions { Flow = flow, CompileOnly = true }).ExitCode);
        string manifest = Path.Combine(flow, "manifest.json");
        Assert.Contains("\"reverse/reverse.wasm\"", File.ReadAllText(manifest), StringComparison.Ordinal);
        var run = WasmFlows.InProcess(new RunnerOptions { Flow = manifest }, "manifest\n");

        Assert.Equal("tsefinam\n", run.Stdout);
    }

    [Fact]
    public void An_external_wasm_library_on_the_library_path_runs_its_functions()
    {
        using var temp = new WasmFlows.TempDirectory();
        temp.Copy(Path.Combine(WasmFlows.Example("reverse-echo"), "reverse", "reverse.wasm"), "libs/wasmlib/text/reverse.wasm");
        temp.Write("libs/wasmlib/text/reverse.toml", """
            function = "reverse"
            source = "reverse.wasm"

            [[input]]
            type = "string"

            [[output]]
            type = "string"
            """);
        temp.Write("libs/wasmlib/manifest.json", """
            {"lib_url": "lib://wasmlib", "locators": {"lib://wasmlib/text/reverse": "text/reverse.wasm"}, "source_urls": {}}
            """);
        temp.Write("flow/root.toml", """
            flow = "uses-wasmlib"

            [[process]]
            source = "context://stdio/readline"
            input.prompt = { always = "" }

            [[process]]
            source = "lib://wasmlib/text/reverse"

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "readline/string"
            to = "reverse"

            [[connection]]
            from = "reverse"
            to = "stdout"
            """);

        var run = WasmFlows.InProcess(new RunnerOptions
        {
            Flow = Path.Combine(temp.Path, "flow"),
            LibDirs = [Path.Combine(temp.Path, "libs")],
        }, "library\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("yrarbil\n", run.Stdout);
    }
}
