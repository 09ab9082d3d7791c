// Copyright (c) flowr contributors. MIT licence.
using BenchmarkDotNet.Running;

namespace Flowr.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--quick")
        {
            int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
            QuickTimings.Run(threads, repeats: 7);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
