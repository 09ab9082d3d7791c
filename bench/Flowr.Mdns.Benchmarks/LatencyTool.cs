// Copyright (c) flowr contributors. MIT licence.
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Flowr.Mdns.Benchmarks;

/// <summary>
/// Issue item 4 on loopback (run inside a private namespace: run-latency.sh):
/// (a) first announcement → resolution, browser already running (target ≤ 50 ms median);
/// (b) AdvertiseAsync → resolution, probing included (target ≤ 1.1 s);
/// (c) browser started after the advertiser → resolution (target ≤ 250 ms);
/// (d) the same with <see cref="MdnsOptions.QueryAtOnce"/>, as flowr and flowrex browse (one-shot query).
/// </summary>
internal static class LatencyTool
{
    public static async Task<int> RunAsync(int runs)
    {
        var options = new MdnsOptions { Interfaces = ["127.0.0.1"], HostName = "flowr-bench", Log = Console.Error.WriteLine };
        var a = new List<double>();
        var b = new List<double>();
        var c = new List<double>();
        var d = new List<double>();

        var seen = new ConcurrentDictionary<string, TaskCompletionSource<long>>();
        using (var browser = new MdnsBrowser(options))
        {
            browser.Found += (_, e) => seen.GetOrAdd(e.Instance.InstanceName, _ => new()).TrySetResult(Stopwatch.GetTimestamp());
            browser.Browse("_flowrbench1._tcp");
            await Task.Delay(500);
            await using var responder = new MdnsResponder(options);
            for (int i = 0; i < runs; i++)
            {
                string name = $"run{i}";
                long start = Stopwatch.GetTimestamp();
                var registration = await responder.AdvertiseAsync(name, "_flowrbench1._tcp", (ushort)(40000 + i), new Dictionary<string, string> { ["proto"] = "1" });
                long resolved = await seen.GetOrAdd(name, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(5));
                a.Add(Stopwatch.GetElapsedTime(registration.FirstAnnouncedAt, resolved).TotalMilliseconds);
                b.Add(Stopwatch.GetElapsedTime(start, resolved).TotalMilliseconds);
                await registration.DisposeAsync();
            }
        }

        await using (var responder = new MdnsResponder(options))
        {
            await using var registration = await responder.AdvertiseAsync("jobs", "_flowrbench2._tcp", 40100, new Dictionary<string, string> { ["proto"] = "1" });
            await Task.Delay(3500);   // the three announcements (0, 1, 3 s) are over
            for (int i = 0; i < runs; i++)
            {
                // RFC 6762 §6: a record is multicast at most once per second; give each run a fresh second.
                await Task.Delay(1100);
                long start = Stopwatch.GetTimestamp();
                using var browser = new MdnsBrowser(options);
                var found = await browser.FindFirstAsync("jobs", "_flowrbench2._tcp", TimeSpan.FromSeconds(5))
                    ?? throw new TimeoutException("run " + i + ": not found");
                c.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var quick = new MdnsOptions { Interfaces = options.Interfaces, QueryAtOnce = true };
            for (int i = 0; i < runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                using var browser = new MdnsBrowser(quick);
                _ = await browser.FindFirstAsync("jobs", "_flowrbench2._tcp", TimeSpan.FromSeconds(5))
                    ?? throw new TimeoutException("run " + i + ": not found at once");
                d.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        Report("(a) first announcement -> resolution, browser running", a, 50);
        Report("(b) AdvertiseAsync -> resolution, probing included", b, 1100);
        Report("(c) browser started after advertiser -> resolution", c, 250);
        Report("(d) the same with QueryAtOnce (one-shot query)", d, 20);
        return 0;
    }

    private static void Report(string what, List<double> ms, double target)
    {
        ms.Sort();
        double median = ms[ms.Count / 2];
        double p90 = ms[(int)Math.Min(ms.Count - 1, Math.Ceiling(ms.Count * 0.9) - 1)];
        Console.WriteLine(
            $"{what}: n={ms.Count} min={ms[0]:F1} ms median={median:F1} ms p90={p90:F1} ms max={ms[^1]:F1} ms "
            + $"(target {target} ms: {(median <= target ? "met" : "MISSED")})");
    }
}
