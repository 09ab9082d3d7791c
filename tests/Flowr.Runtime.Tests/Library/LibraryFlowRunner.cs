// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using Flowr.Runtime.Compiler;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Library;

/// <summary>
/// Compiles a root flow against the embedded flowstdlib and runs it job by job with the built-in
/// implementations; <c>context://stdio/stdout</c> collects what would be printed.
/// </summary>
internal static class LibraryFlowRunner
{
    public static IDefinitionTree StandardLibrary() => BuiltInDefinitionTree.StandardLibrary();

    public static FlowManifest Compile(string rootToml, List<string>? warnings = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "flowr-stdlib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            File.WriteAllText(Path.Combine(directory, "root.toml"), rootToml);
            var options = new CompilerOptions
            {
                StandardLibrary = StandardLibrary(),
                Context = new StdoutContext(),
                Warning = warnings is null ? null : warnings.Add,
            };
            return new FlowCompiler(options).Compile(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Runs the flow to its end and returns the printed lines. Up to <paramref name="inFlight"/> jobs are
    /// taken before any completes, and they complete in a seeded random order, as parallel executors
    /// would return them; the run state retires them in creation order, so the lines never depend on it.
    /// </summary>
    public static List<string> Run(string rootToml, int inFlight = 1, int seed = 1, int maxJobs = 200_000)
    {
        var manifest = Compile(rootToml);
        var printed = new List<string>();
        var implementations = manifest.Functions.Select(function => Implementation(function, printed)).ToArray();
        var state = new RunState(manifest, implementations);
        state.Init();

        var random = new Random(seed);
        var running = new List<Job>();
        int jobs = 0;
        while (true)
        {
            while (running.Count < inFlight && state.TryTakeJob(out var job))
            {
                job.Execute();
                running.Add(job);
            }
            if (running.Count == 0) break;
            int pick = random.Next(running.Count);
            var completing = running[pick];
            running.RemoveAt(pick);
            Assert.True(completing.Outcome.Error is null, $"{completing.FunctionName}: {completing.Outcome.Error}");
            state.Complete(completing);
            if (++jobs > maxJobs) throw new InvalidOperationException("flow did not finish");
        }
        Assert.True(state.IsFinished);
        return printed;
    }

    private static IFunctionImplementation Implementation(FunctionSpec function, List<string> printed)
    {
        if (function.ImplementationLocation == "context://stdio/stdout") return new Stdout(printed);
        Assert.True(FlowStdLib.TryGetImplementation(function.ImplementationLocation, out var implementation), function.ImplementationLocation);
        return implementation;
    }

    private sealed class Stdout(List<string> printed) : IFunctionImplementation
    {
        public JobOutcome Run(ReadOnlySpan<Value> inputs)
        {
            if (!inputs[0].IsNull) printed.Add(inputs[0].ToDisplayString());
            return JobOutcome.NoOutput();
        }
    }

    private sealed class StdoutContext : IDefinitionTree
    {
        private const string Path = "stdio/stdout.toml";

        public bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath)
        {
            resolvedPath = path is "stdio/stdout" or Path ? Path : null;
            return resolvedPath is not null;
        }

        public string ReadText(string resolvedPath) => "function = \"stdout\"\nimpure = true\n[[input]]\n";
    }
}
