// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Flowr.Distributed.Tests.InProcess;
using Flowr.Runtime.Distribution;
using Xunit.Abstractions;

namespace Flowr.Distributed.Tests.Processes;

/// <summary>
/// flowrex --coordinator against coordinators that turn it away: it tries again after 100 ms, then
/// twice as long each time (up to 30 s, with jitter), instead of thousands of times a second; a session
/// that did work starts the sequence again. Attempts are counted over a bounded time.
/// </summary>
[Collection("timing")]
public sealed class FlowrexBackoffTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most attempts the backoff allows in <paramref name="ms"/>: the k-th retry waits at least half of
    /// 100·2^(k-1) ms, so it comes no sooner than 50·(2^k − 1) ms after the first attempt. Without
    /// backoff there were thousands a second.
    /// </summary>
    private static int MaxAttempts(double ms) => (int)Math.Floor(Math.Log2((ms / 50) + 1)) + 1;

    [Fact]
    public void A_coordinator_that_closes_every_connection_sees_a_few_attempts_not_a_storm()
    {
        using var door = new FrontDoor();
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "1", "--coordinator", $"127.0.0.1:{door.Port}"]);
        Thread.Sleep(3000);
        int attempts = door.Accepted.Count;
        output.WriteLine($"{attempts} connections in 3 s at {string.Join(", ", door.Accepted.Select(t => $"{t:0} ms"))}");
        Assert.InRange(attempts, 3, MaxAttempts(3000));
        // The gaps grow.
        double[] gaps = door.Accepted.Zip(door.Accepted.Skip(1), (a, b) => b - a).ToArray();
        Assert.True(gaps[^1] > gaps[0] * 3, string.Join(", ", gaps));
    }

    [Theory]
    [InlineData("not the key flowr has")]
    [InlineData(null)]
    public void A_flowrex_with_a_wrong_or_missing_key_does_not_storm(string? key)
    {
        Child? flowrex = null;
        try
        {
            var flow = TestFlows.FanOut(10);
            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<TimeoutException>(() => Harness.Run(flow, new JobServiceOptions { Key = InProcess.Keys.Of("the key flowr has") }, service =>
            {
                var env = key is null ? null : new Dictionary<string, string> { [JobServiceOptions.KeyEnvironmentVariable] = key };
                flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "1", "--coordinator", $"127.0.0.1:{service.Port}"], env: env);
            }, limit: TimeSpan.FromSeconds(3)));
            Assert.Contains("no executor joined", error.Message, StringComparison.Ordinal);
            // A keyed flowrex refuses a coordinator that cannot prove the key: once at warn level, then at debug.
            int attempts = flowrex!.StderrLines.Count(l => l.Contains("Refused a coordinator", StringComparison.Ordinal));
            Assert.Single(flowrex.StderrLines, l => l.StartsWith("WARN - Refused a coordinator", StringComparison.Ordinal));
            double ms = clock.Elapsed.TotalMilliseconds;
            output.WriteLine($"{attempts} refused sessions in {ms:0} ms; last: {flowrex.StderrLines.LastOrDefault(l => l.Contains("Refused", StringComparison.Ordinal))}");
            Assert.InRange(attempts, 3, MaxAttempts(ms));
        }
        finally
        {
            flowrex?.Dispose();
        }
    }

    [Fact]
    public void A_session_that_did_work_resets_the_backoff()
    {
        using var door = new FrontDoor();
        using var flowrex = Child.Start(Binaries.Flowrex, ["-v", "debug", "-t", "1", "--coordinator", $"127.0.0.1:{door.Port}"]);
        // Turned away for 2.5 s: the delay has grown to about 1.6–3.2 s.
        Thread.Sleep(2500);
        int before = door.Accepted.Count;

        // Then one connection gets a real job service and runs a flow.
        var flow = TestFlows.FanOut(20);
        Harness.Run(flow, new JobServiceOptions(), service => door.ServeNextWith(service), limit: TimeSpan.FromSeconds(20));
        Assert.Equal(20, flow.Collected.Values.Count);
        double done = door.Now;

        // Turned away again: the first attempts come 0.1, 0.2, 0.4 s apart again, not seconds.
        Thread.Sleep(1000);
        int after = door.Accepted.Count(t => t > done && t <= done + 1000);
        output.WriteLine($"{before} attempts before the flow; {after} in the second after it; all at {string.Join(", ", door.Accepted.Select(t => $"{t:0}"))} ms (flow done at {done:0} ms)");
        Assert.InRange(after, 3, 6);
    }

    /// <summary>
    /// A TCP port on loopback that closes every connection at once (a coordinator refusing the executor),
    /// recording when each arrived; or hands the next one to a job service.
    /// </summary>
    private sealed class FrontDoor : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<double> _accepted = [];
        private readonly Thread _thread;
        private JobService? _serve;

        public FrontDoor()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(64);
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

        public double Now => _clock.Elapsed.TotalMilliseconds;

        /// <summary>Milliseconds since this door opened at which each turned-away connection arrived.</summary>
        public IReadOnlyList<double> Accepted
        {
            get
            {
                lock (_accepted) return [.. _accepted];
            }
        }

        public void ServeNextWith(JobService service) => Volatile.Write(ref _serve, service);

        private void Loop()
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = _listener.Accept();
                }
                catch (Exception error) when (error is SocketException or ObjectDisposedException)
                {
                    return;
                }
                if (Interlocked.Exchange(ref _serve, null) is { } service)
                {
                    service.Adopt(socket);
                    continue;
                }
                lock (_accepted) _accepted.Add(Now);
                socket.Dispose();
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }
}
