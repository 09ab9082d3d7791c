// Copyright (c) flowr contributors. MIT licence.
using System.Text.RegularExpressions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// Provided (WebAssembly) functions shipped by flowr -t 0 to flowrex as real processes in private
/// network namespaces: the module travels once per connection with flowr's limits, flowrex compiles
/// and runs it, refuses it with --no-wasm (flowr then runs those jobs), and survives hostile modules.
/// </summary>
public sealed partial class ProvidedFunctionShippingTests
{
    private static readonly TimeSpan Limit = Scenario.Limit;
    private const string WasmUrl = "'wasm://sha256/";

    public static TheoryData<string> ProvidedExamples() => ["reverse-echo", "mandelbrot"];

    [Theory]
    [MemberData(nameof(ProvidedExamples))]
    public void Provided_functions_travel_to_flowrex_and_give_the_same_output(string example)
    {
        string expected = Scenario.Reference(example);
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Scenario.StartFlowrex(lab, ns);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, example);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput(example, expected, Scenario.Output(flowr, lab, example));
        Assert.DoesNotContain(flowr.StderrLines, l => l.Contains("cannot run", StringComparison.Ordinal));

        // Its second waiting line comes after every job line of the run (one ordered stderr).
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        AssertRanModules(flowrex);
    }

    [Fact]
    public void A_flowrex_with_no_wasm_refuses_and_flowr_runs_those_jobs()
    {
        string expected = Scenario.Reference("mandelbrot");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "2", "--no-wasm"], ns, lab.Env);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, "mandelbrot");
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput("mandelbrot", expected, Scenario.Output(flowr, lab, "mandelbrot"));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);

        string[] log = flowrex.StderrLines;
        string[] refusedUrls = [.. log.Where(l => l.StartsWith("WARN - Refusing the jobs of " + WasmUrl, StringComparison.Ordinal))
            .Select(l => l.Split('\'')[1]).Distinct(StringComparer.Ordinal)];
        Assert.NotEmpty(refusedUrls);
        Assert.All(refusedUrls, url => Assert.Contains(log, l => l.Contains(url, StringComparison.Ordinal)
            && l.Contains("this executor runs no WebAssembly (flowrex --no-wasm)", StringComparison.Ordinal)));
        // Every WASM job that reached flowrex was refused, not run; the flowstdlib jobs were run there.
        string[] wasmJobs = [.. JobLines(log).Where(l => l.Contains(WasmUrl, StringComparison.Ordinal))];
        Assert.All(wasmJobs, l => Assert.Contains(") -> refused: ", l, StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.StartsWith("DEBUG - Compiled WASM module", StringComparison.Ordinal));
        int libraryJobs = JobLines(log).Count(l => l.Contains("'lib://flowstdlib/", StringComparison.Ordinal));
        Assert.True(libraryJobs > 0, "flowrex ran no flowstdlib job");

        // flowr warns once per refused implementation, and runs those jobs itself.
        string[] cannotRun = [.. flowr.StderrLines.Where(l => l.StartsWith("WARN - Executor '", StringComparison.Ordinal)
            && l.Contains("' cannot run '/mandelbrot/", StringComparison.Ordinal)
            && l.EndsWith("this executor runs no WebAssembly (flowrex --no-wasm)); its jobs run in flowr", StringComparison.Ordinal))];
        Assert.Equal(refusedUrls.Length, cannotRun.Length);
    }

    [Theory]
    [MemberData(nameof(ProvidedExamples))]
    public void The_arm64_flowrex_under_qemu_runs_provided_functions_with_the_same_output(string example)
    {
        string expected = Scenario.Reference(example);
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Child.Start(Binaries.FlowrexArm64, ["-v", "debug", "-t", "2"], ns,
            new Dictionary<string, string>(lab.Env) { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" }, wrapper: "/usr/bin/qemu-aarch64");
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit);
        using var flowr = Scenario.StartRemoteFlowr(lab, ns, example);
        Assert.Equal(0, flowr.WaitForExit(Limit));
        Scenario.AssertSameOutput(example, expected, Scenario.Output(flowr, lab, example));
        Assert.Contains(flowr.StderrLines, l => l.Contains("(arm64,", StringComparison.Ordinal));
        Assert.DoesNotContain(flowr.StderrLines, l => l.Contains("cannot run", StringComparison.Ordinal));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        AssertRanModules(flowrex);
    }

    [Fact]
    public void Hostile_provided_functions_on_flowrex_give_errors_and_flowrex_keeps_serving()
    {
        // Read only: flowr compiles it in memory and writes nothing beside it.
        string directory = Path.Combine(Binaries.RepositoryRoot, "tests", "flows", "hostile-wasm");
        using var lab = NetworkLab.Loopback(out string ns);
        using var flowrex = Scenario.StartFlowrex(lab, ns);
        // The limits are flowr's: they travel to flowrex with each module.
        var env = new Dictionary<string, string>(lab.Env) { ["FLOWR_WASM_TIMEOUT_MS"] = "300" };
        using (var flowr = Child.Start(Binaries.Flowr, ["-t", "0", "-v", "info", "--executor-timeout", "60", directory], ns, env,
            workingDirectory: directory))
        {
            // Exit code 2: the flow ran to its end with failed jobs.
            Assert.Equal(2, flowr.WaitForExit(Limit));
            Assert.Equal("still running\n", flowr.Stdout);
            string[] errors = flowr.StderrLines;
            AssertError(errors, "loop", "stopped after running longer than 0.3 s");
            AssertError(errors, "oob", "out of bounds memory access");
            AssertError(errors, "huge", "the result of 2000000000 bytes is larger than the cap of 1024 bytes");
            AssertError(errors, "garbage", "is not a WebAssembly module");
            // garbage never loaded in flowr, so it never travels: nothing is refused.
            Assert.DoesNotContain(errors, l => l.Contains("cannot run", StringComparison.Ordinal));
        }

        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 2);
        string[] log = flowrex.StderrLines;
        AssertFailedOnFlowrex(log, "loop.wat", "stopped after running longer than 0.3 s");
        AssertFailedOnFlowrex(log, "oob.wat", "out of bounds memory access");
        AssertFailedOnFlowrex(log, "huge.wat", "larger than the cap of 1024 bytes");
        Assert.Equal(3, JobLines(log).Count(l => l.Contains(WasmUrl, StringComparison.Ordinal)));
        Assert.DoesNotContain(log, l => l.Contains("garbage", StringComparison.Ordinal));
        Assert.False(flowrex.HasExited, "flowrex ended after the hostile flow:\n" + flowrex.Tail());

        // The same flowrex process serves the next flow.
        string expected = Scenario.Reference("fibonacci");
        int jobsBefore = JobLines(flowrex.StderrLines).Count();
        using var next = Scenario.StartRemoteFlowr(lab, ns, "fibonacci");
        Assert.Equal(0, next.WaitForExit(Limit));
        Assert.Equal(expected, Scenario.Output(next, lab, "fibonacci"));
        flowrex.WaitForStderr(l => l == Scenario.WaitingFor(lab), Limit, count: 3);
        Assert.True(JobLines(flowrex.StderrLines).Count() > jobsBefore, "flowrex ran no job of the second flow");
        Assert.False(flowrex.HasExited);
    }

    /// <summary>flowrex compiled the shipped modules and ran WASM jobs, none of them refused or failed.</summary>
    private static void AssertRanModules(Child flowrex)
    {
        string[] log = flowrex.StderrLines;
        // The single file carries Wasmtime: no libwasmtime.so next to flowrex is needed.
        Assert.Contains(log, l => l.StartsWith("INFO - Wasmtime loaded (embedded", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("DEBUG - Compiled WASM module '", StringComparison.Ordinal));
        string[] wasmJobs = [.. JobLines(log).Where(l => l.Contains(WasmUrl, StringComparison.Ordinal))];
        Assert.NotEmpty(wasmJobs);
        Assert.DoesNotContain(wasmJobs, l => l.Contains(") -> refused: ", StringComparison.Ordinal) || l.Contains(") -> error: ", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.StartsWith("WARN - Refusing", StringComparison.Ordinal));
    }

    /// <summary>flowr reported the error of function /hostile/<paramref name="alias"/> with its reason.</summary>
    private static void AssertError(string[] stderr, string alias, string reason) =>
        // The wording of a job run in flowr, wherever it ran.
        Assert.True(stderr.Any(l => l.StartsWith("ERROR - ", StringComparison.Ordinal) && l.Contains($"/hostile/{alias}: Provided function '/hostile/{alias}': ", StringComparison.Ordinal)
            && l.Contains(reason, StringComparison.Ordinal)), $"no error for /hostile/{alias} with '{reason}' in:\n{string.Join('\n', stderr)}");

    /// <summary>flowrex compiled <paramref name="file"/> and ran its job (found by the module's hash) to an error with <paramref name="reason"/>.</summary>
    private static void AssertFailedOnFlowrex(string[] log, string file, string reason)
    {
        string? hash = log.Select(l => CompiledPattern().Match(l)).Where(m => m.Success && m.Groups[1].Value.EndsWith("/" + file, StringComparison.Ordinal))
            .Select(m => m.Groups[2].Value).FirstOrDefault();
        Assert.True(hash is not null, $"flowrex compiled no '{file}':\n{string.Join('\n', log)}");
        Assert.True(JobLines(log).Any(l => l.Contains(WasmUrl + hash, StringComparison.Ordinal) && l.Contains(") -> error: ", StringComparison.Ordinal)
            && l.Contains(reason, StringComparison.Ordinal)), $"no failed job of '{file}' ({hash}) with '{reason}':\n{string.Join('\n', log)}");
    }

    private static IEnumerable<string> JobLines(string[] log) => log.Where(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal));

    [GeneratedRegex(@"^DEBUG - Compiled WASM module '(.*)' \(\d+ bytes, sha256 ([0-9a-f]{12})\)")]
    private static partial Regex CompiledPattern();
}
