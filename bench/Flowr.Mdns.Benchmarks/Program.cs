// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Running;

namespace Flowr.Mdns.Benchmarks;

public static class Program
{
    /// <summary>"latency [runs]" measures discovery on loopback (run-latency.sh); anything else goes to BenchmarkDotNet.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "latency")
        {
            return await LatencyTool.RunAsync(args.Length > 1 ? int.Parse(args[1]) : 20);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
