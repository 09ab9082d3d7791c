// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Library;

namespace Flowr.Compiler.Benchmarks;

/// <summary>Compiles in this process (JIT, after one warm-up compile) and reports time and bytes allocated.</summary>
internal static class InProcess
{
    internal static readonly CompilerOptions Options = new()
    {
        StandardLibrary = BuiltInDefinitionTree.StandardLibrary(),
        Context = new BuiltInDefinitionTree("context", ContextDefinitionFiles.Paths, ContextDefinitionFiles.Utf8),
    };

    public static string Measure(string name, string directory, int size, int runs, bool phases)
    {
        var compiler = new FlowCompiler(Options);
        compiler.Compile(directory);
        var seconds = new List<double>();
        var bytes = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            compiler.Compile(directory);
            seconds.Add(watch.Elapsed.TotalSeconds);
            bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        string row = $"| {name} | {size:N0} | {Stats.Seconds(seconds)} | {Stats.Median(bytes) / (1024 * 1024):F1} MiB |";
        return phases ? row + "\n    " + Phases.Measure(Options, directory) : row;
    }
}
