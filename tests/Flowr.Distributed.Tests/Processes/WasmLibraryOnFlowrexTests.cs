// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// An external WebAssembly library found with <c>-L</c> (upstream's layout: a library manifest mapping
/// <c>lib://name/path</c> to module files) is used by flowr, and its modules travel to flowrex, which
/// has no copy of the library (issue 6, item 4).
/// </summary>
public sealed class WasmLibraryOnFlowrexTests
{
    [Fact]
    public void A_wasm_library_on_flowrs_library_path_runs_on_flowrex()
    {
        string root = Directory.CreateTempSubdirectory("flowr-wasmlib-").FullName;
        try
        {
            WriteLibraryAndFlow(root);
            using var lab = NetworkLab.Loopback(out string ns);
            using var flowrex = Scenario.StartFlowrex(lab, ns);
            flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Scenario.Limit);
            string flow = Path.Combine(root, "flow");
            using var flowr = Child.Start(Binaries.Flowr,
                ["-t", "0", "-v", "info", "--executor-timeout", "60", "-L", Path.Combine(root, "libs"), flow],
                ns, lab.Env, workingDirectory: flow, stdin: "library\nflowrex\n"u8.ToArray());

            Assert.Equal(0, flowr.WaitForExit(Scenario.Limit));
            Assert.Equal(["xerwolf", "yrarbil"], flowr.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Scenario.Limit, count: 2);
            Assert.Contains(flowrex.StderrLines, l => l.StartsWith("DEBUG - Compiled WASM module '", StringComparison.Ordinal)
                && l.Contains("reverse.wasm", StringComparison.Ordinal));
            Assert.Equal(2, flowrex.StderrLines.Count(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal)
                && l.Contains("'wasm://sha256/", StringComparison.Ordinal)));
            Assert.DoesNotContain(flowr.StderrLines, l => l.Contains("cannot run", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void WriteLibraryAndFlow(string root)
    {
        string text = Path.Combine(root, "libs", "wasmlib", "text");
        Directory.CreateDirectory(text);
        File.Copy(Path.Combine(Binaries.Examples, "reverse-echo", "reverse", "reverse.wasm"), Path.Combine(text, "reverse.wasm"));
        File.WriteAllText(Path.Combine(text, "reverse.toml"), """
            function = "reverse"
            source = "reverse.wasm"

            [[input]]
            type = "string"

            [[output]]
            type = "string"
            """);
        File.WriteAllText(Path.Combine(root, "libs", "wasmlib", "manifest.json"), """
            {"lib_url": "lib://wasmlib", "locators": {"lib://wasmlib/text/reverse": "text/reverse.wasm"}, "source_urls": {}}
            """);
        Directory.CreateDirectory(Path.Combine(root, "flow"));
        File.WriteAllText(Path.Combine(root, "flow", "root.toml"), """
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
    }
}
