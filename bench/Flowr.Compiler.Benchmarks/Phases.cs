// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using System.Text;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Compiler.Checks;
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Compiler.Loading;
using Flowr.Runtime.Compiler.Toml;

namespace Flowr.Compiler.Benchmarks;

/// <summary>Where one compile's time goes, step by step (the steps of <see cref="FlowCompiler.Compile"/>).</summary>
internal static class Phases
{
    public static string Measure(CompilerOptions options, string directory)
    {
        var text = new StringBuilder();
        var watch = Stopwatch.StartNew();
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int collections = GC.CollectionCount(2);
        void Lap(string phase)
        {
            long now = GC.GetTotalAllocatedBytes(precise: true);
            text.Append($"{phase} {watch.Elapsed.TotalMilliseconds:F0} ms {(now - allocated) / (1024 * 1024)} MiB gen2 {GC.CollectionCount(2) - collections}; ");
            allocated = now;
            collections = GC.CollectionCount(2);
            watch.Restart();
        }
        string rootText = File.ReadAllText(Path.Combine(directory, "root.toml"));
        TomlReader.Parse(rootText, "root.toml");
        Lap("parse root.toml alone");
        var loader = new FlowLoader(new DefinitionResolver(options), options);
        var root = loader.LoadRoot(directory);
        Lap("load");
        var hops = ConnectionResolver.ResolveAll(loader.Flows);
        Lap("resolve connections");
        var collapser = new ConnectionCollapser(options);
        var connections = collapser.Collapse(hops);
        collapser.PropagateFlowInitializers(loader.Flows);
        Lap("collapse");
        var (functions, live) = DeadCodeRemover.Remove(loader.Functions, connections);
        Lap("dead code");
        FlowChecker.Check(root, functions, live);
        Lap("check");
        ManifestBuilder.Build(root, functions, live, loader.SourceUrls);
        Lap("manifest");
        return text.ToString();
    }
}
