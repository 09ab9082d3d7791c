// Copyright (c) flowr contributors. MIT licence.
using Flowr.Distributed.Tests.InProcess;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Protocol;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>The native flowrex against a job service in this process, connected with --coordinator (no mDNS).</summary>
public sealed class FlowrexCoordinatorTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private const string Waiting = "INFO - Waiting for beacon matching 'jobs._flowr._tcp.local'";

    [Fact]
    public void Flowrex_runs_a_flow_then_waits_again_and_ends_on_sigterm()
    {
        var flow = TestFlows.FanOut(500);
        Child? started = null;
        try
        {
            Harness.Run(flow, new JobServiceOptions(), service =>
            {
                started = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "2", "--coordinator", $"127.0.0.1:{service.Port}"]);
            });
            Assert.Equal(500, flow.Collected.Values.Count);
            started!.WaitForStderr(line => line == Waiting, Limit, count: 2);
            string[] lines = started.StderrLines;
            Assert.Contains("INFO - 'flowrex' version ", lines[0], StringComparison.Ordinal);
            Assert.Equal("INFO - Starting 2 executor threads", lines[1]);
            Assert.Equal(500, lines.Count(l => l.StartsWith("DEBUG - Job #", StringComparison.Ordinal)));
            Assert.Contains("INFO - Flow done: ran 500 job(s)", lines);

            started.Terminate();
            Assert.Equal(0, started.WaitForExit(Limit));
            Assert.Equal(Waiting, started.StderrLines.Last(l => !l.StartsWith("DEBUG", StringComparison.Ordinal)));
        }
        finally
        {
            started?.Dispose();
        }
    }

    // The keyed run proves the protocol's cryptography on a machine without OpenSSL (the qemu sysroot has
    // none): with .NET's own classes the arm64 flowrex aborted with "No usable version of libssl".
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_arm64_flowrex_under_qemu_runs_a_chain_for_an_x64_job_service(bool keyed)
    {
        const string secret = "an arm64 test secret";
        var flow = TestFlows.Chain(200);
        Child? started = null;
        try
        {
            var env = new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" };
            if (keyed) env[JobServiceOptions.KeyEnvironmentVariable] = secret;
            var options = new JobServiceOptions { Key = keyed ? PresharedKey.FromSecret(secret, "the test") : null };
            Harness.Run(flow, options, service =>
            {
                started = Child.Start(Binaries.FlowrexArm64, ["-v", "info", "-t", "1", "--coordinator", $"127.0.0.1:{service.Port}"],
                    env: env, wrapper: "/usr/bin/qemu-aarch64");
            }, limit: TimeSpan.FromSeconds(60));
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), flow.Collected.Values);
            started!.WaitForStderr(line => line == Waiting, Limit, count: 2);
            Assert.Contains("INFO - Flow done: ran 200 job(s)", started.StderrLines);
        }
        finally
        {
            started?.Dispose();
        }
    }
}
