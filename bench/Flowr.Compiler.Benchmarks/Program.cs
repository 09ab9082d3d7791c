// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Compiler.Benchmarks;

/// <summary>
/// Compile benchmark over generated flows. By default it times the published flowr on each flow
/// (<c>flowr -c</c>, and a whole run) under <c>/usr/bin/time</c> for the peak memory; with
/// <c>--in-process</c> it compiles here instead and reports time and bytes allocated.
/// <code>
/// dotnet run -c Release --project bench/Flowr.Compiler.Benchmarks -- [--flowr PATH] [--runs N] [--only NAMES] [--in-process [--phases]] [--keep DIR]
/// </code>
/// </summary>
internal static class Program
{
    private static readonly (string Name, string Shape, int Size)[] Cases =
    [
        ("chain-1k", "chain", 1_000),
        ("chain-10k", "chain", 10_000),
        ("chain-20k", "chain", 20_000),
        ("chain-100k", "chain", 100_000),
        ("fan-in-10k", "fan-in", 10_000),
        ("fan-in-100k", "fan-in", 100_000),
        ("nest-1k", "nest", 1_000),
        ("nest-10k", "nest", 10_000),
        ("nest-20k", "nest", 20_000),
    ];

    private static int Main(string[] args)
    {
        string flowr = Option(args, "--flowr") ?? Path.Combine("publish", "linux-x64", "flowr");
        int runs = int.Parse(Option(args, "--runs") ?? "5", CultureInfo.InvariantCulture);
        // --only takes flow names separated by commas (chain-10k,nest-1k) or one part of a name (nest).
        string? only = Option(args, "--only");
        var names = only?.Split(',') ?? [];
        bool inProcess = args.Contains("--in-process");
        string? keep = Option(args, "--keep");
        string root = keep ?? Path.Combine(Path.GetTempPath(), "flowr-compile-bench-" + Environment.ProcessId);

        if (!inProcess && !File.Exists(flowr))
        {
            Console.Error.WriteLine($"no flowr at '{flowr}': run `make publish RID=linux-x64` first, or pass --flowr PATH (or use --in-process)");
            return 1;
        }
        Console.WriteLine(inProcess
            ? "| flow | processes | compile median (min–max) | allocated |\n|---|---:|---:|---:|"
            : "| flow | processes | `-c` wall median (min–max) | `-c` CPU | `-c` peak RSS | run wall median (min–max) | run CPU | run peak RSS |\n|---|---:|---:|---:|---:|---:|---:|---:|");
        try
        {
            foreach (var (name, shape, size) in Cases)
            {
                if (only is not null && !names.Contains(name) && !(names.Length == 1 && name.Contains(only, StringComparison.Ordinal))) continue;
                string directory = Path.Combine(root, name);
                Generate(shape, directory, size);
                Console.WriteLine(inProcess ? InProcess.Measure(name, directory, size, runs, args.Contains("--phases")) : Published.Measure(flowr, name, directory, size, runs));
            }
        }
        finally
        {
            if (keep is null && Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        return 0;
    }

    private static void Generate(string shape, string directory, int size)
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        switch (shape)
        {
            case "chain":
                FlowGenerator.Chain(FlowGenerator.To(directory), size);
                break;
            case "fan-in":
                FlowGenerator.FanIn(FlowGenerator.To(directory), size);
                break;
            default:
                FlowGenerator.Nest(FlowGenerator.To(directory), size);
                break;
        }
    }

    private static string? Option(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
