// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Cli;
using Flowr.Context;
using Flowr.Graph;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model.Manifest;

namespace Flowr.Running;

/// <summary>One invocation of flowr: load or compile the flow, then compile-only or run it.</summary>
internal static class FlowRunner
{
    /// <summary>Jobs in flight at once; bounds every executor queue and the result queue.</summary>
    internal const int MaxJobsInFlight = 4096;

    public static int Run(RunnerOptions options, Stream stdin, Stream stdout, Stream stderr)
    {
        var loaded = FlowLoader.Load(options.Flow, options.LibDirs, removeDeadCode: !options.KeepDeadCode);
        if (options.Graph)
        {
            GraphOutput.Write(loaded.Manifest, Path.GetDirectoryName(FlowLoader.ManifestPathFor(loaded)) ?? ".");
            if (!options.CompileOnly) return 0;
        }
        if (options.CompileOnly)
        {
            string manifestPath = FlowLoader.ManifestPathFor(loaded);
            File.WriteAllText(manifestPath, ManifestWriter.ToJson(loaded.Manifest, debug: true));
            Log.Info($"Manifest written to '{manifestPath}'");
            return 0;
        }

        var manifest = loaded.Manifest;
        string flowUrl = new Uri(Path.GetFullPath(loaded.SourceFile)).AbsoluteUri;
        var context = new ContextServices([flowUrl, .. options.FlowArgs], stdin, stdout, stderr);
        var implementations = ImplementationResolver.ResolveAll(manifest, context, Runtime.Compiler.CompilerOptions.BuildLibrarySearchPath(options.LibDirs));
        bool needsLibraryExecutor = manifest.Functions.Any(f => !f.IsContext);
        if (needsLibraryExecutor && options.Threads == 0)
        {
            throw new FlowRunException("-t 0 leaves no executor for the flow's library jobs, and remote executors are not available in this build");
        }

        var state = new RunState(manifest, implementations, new RunStateOptions { MaxJobs = options.MaxJobs });
        RunMetrics metrics;
        using (var results = new ResultQueue(MaxJobsInFlight))
        {
            var contextThread = new ExecutorThreads("context", 1, MaxJobsInFlight, results);
            var libraryThreads = needsLibraryExecutor ? new ExecutorThreads("executor", options.Threads, MaxJobsInFlight, results) : null;
            try
            {
                metrics = new FlowCoordinator(state, results, contextThread, libraryThreads, MaxJobsInFlight).Run();
            }
            finally
            {
                libraryThreads?.Dispose();
                contextThread.Dispose();
            }
        }
        context.Complete();
        if (options.Metrics)
        {
            stdout.Write(Encoding.UTF8.GetBytes(metrics.Format()));
            stdout.Flush();
        }
        return 0;
    }
}
