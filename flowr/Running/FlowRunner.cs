// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Cli;
using Flowr.Context;
using Flowr.Runtime.Coordinator;
using Flowr.Runtime.Distribution;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Logging;
using Flowr.Runtime.Model;
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
        if (options.Graph || options.CompileOnly) return CompileOutputs.Write(loaded, options, stdout);

        var manifest = loaded.Manifest;
        var context = new ContextServices(new FlowArguments(loaded.SourceFile, options.FlowArgs), stdin, stdout, stderr);
        var implementations = ImplementationResolver.ResolveAll(manifest, context, Runtime.Compiler.CompilerOptions.BuildLibrarySearchPath(options.LibDirs));
        bool needsLibraryExecutor = manifest.Functions.Any(f => !f.IsContext);
        // Remote executors (flowrex) serve a run with -t 0, or with --remote; otherwise nothing listens
        // or multicasts, and start-up stays as fast as a local run. flowstdlib jobs and WebAssembly
        // jobs (whose modules travel) can leave; context jobs always run here.
        bool remote = (options.Threads == 0 || options.Remote) && needsLibraryExecutor;

        // The committed state runs one job at a time; the speculation beside it keeps up to -j - 1 (or
        // MaxJobsInFlight) more jobs out. With -j 1 there is none.
        var state = new RunState(manifest, implementations, new RunStateOptions { MaxInFlight = 1 });
        // NOTE: -j beyond what the queues hold is no limit at all, so it is clamped to it.
        int ahead = (options.MaxJobs > 0 ? Math.Min(options.MaxJobs, MaxJobsInFlight) : MaxJobsInFlight) - 1;
        var speculation = ahead > 0 ? new RunState(manifest, implementations, new RunStateOptions { MaxInFlight = ahead, Speculative = true, PredictLibraryResults = remote }) : null;
        // The debugger may widen the speculation mid-run (modify jobs=N), so it always has one, narrowed to -j.
        if (options.Debugger) speculation = Debugger.DebugSession.Speculation(manifest, implementations, ahead, MaxJobsInFlight - 1);
        RunMetrics metrics;
        using var session = new RunSession(options, context, stdout, stderr);   // signals, progress line, end-of-run reports
        using (var results = new ResultQueue(MaxJobsInFlight))
        {
            ExecutorThreads? libraryThreads = null;
            JobService? jobService = null;
            FlowCoordinator? coordinator = null;
            JobAdvertiser? advertiser = null;
            try
            {
                IJobSink? librarySink = null;
                if (remote)
                {
                    jobService = StartJobService(manifest, implementations, results, options);
                    advertiser = new JobAdvertiser(jobService);
                    WaitForExecutors(jobService, options);
                    librarySink = jobService;
                }
                else if (needsLibraryExecutor)
                {
                    librarySink = libraryThreads = new ExecutorThreads("executor", Math.Max(1, options.Threads), MaxJobsInFlight, results);
                }
                // Short library jobs run on the coordinator thread when the run has threads of its own (alone
                // or beside flowrex executors: they are jobs worth keeping at home); not with -t 0, where
                // flowrex was asked to do the work, nor under the debugger, which watches each job go out.
                bool runShortJobsHere = options.Threads > 0 && !options.Debugger;
                coordinator = new FlowCoordinator(state, results, librarySink, speculation, runShortJobsHere);
                if (options.Debugger)
                {
                    // The debugger owns Ctrl-C and the terminal: no signal handling or status line from the session.
                    metrics = Debugger.DebugSession.Run(state, coordinator, speculation!, manifest, Debugger.DebugSession.Placement(options.Threads, jobService), stdin, stderr, jobService?.Failed ?? default);
                }
                else
                {
                    session.Attach(coordinator, state, () => (libraryThreads?.ThreadCount ?? 0) + (jobService?.ExecutorCount ?? 0));
                    metrics = coordinator.Run(jobService?.Failed ?? default);
                }
                session.RunEnded();
            }
            catch (OperationCanceledException) when (jobService?.FailureReason is { } reason)
            {
                throw new FlowRunException($"flowr: {reason}");
            }
            finally
            {
                // The job service tells executors the flow is done before the advertisement goes.
                jobService?.Dispose();
                advertiser?.Dispose();
                libraryThreads?.Dispose();
            }
            session.Executors = ExecutorReports(jobService, coordinator);
        }
        return session.Finish(metrics);
    }

    /// <summary>With remote executors, what each did for <c>-m</c>, the coordinator's own thread first when it ran jobs.</summary>
    private static IReadOnlyList<ExecutorReport>? ExecutorReports(JobService? service, FlowCoordinator? coordinator)
    {
        if (service?.ExecutorReports() is not { } reports) return null;
        if (coordinator is not { JobsRunHere: > 0 } here) return reports;
        return [new ExecutorReport("coordinator", "flowr's own thread, short jobs", here.JobsRunHere, null, null, 0, 0), .. reports];
    }

    /// <summary>Opens the job port for flowrex executors (docs/distributed.md, runtime/Protocol/PROTOCOL.md).</summary>
    private static JobService StartJobService(FlowManifest manifest, IFunctionImplementation[] implementations, ResultQueue results, RunnerOptions options)
    {
        var locations = new string[manifest.Functions.Count];
        foreach (var function in manifest.Functions) locations[function.Id] = function.ImplementationLocation;
        var service = new JobService(results, locations, options.Threads, new JobServiceOptions
        {
            ExecutorTimeout = options.ExecutorTimeout,
            Key = LoadKey(options.KeyFile),
            MaxMessageLength = options.MaxValueSize,
            Port = options.JobPort,
            MaxInFlight = MaxJobsInFlight,
        }, implementations);
        if (options.Threads == 0)
        {
            // The advertiser logs the service's full name once it is announced.
            Log.Info($"Waiting for executors: no local executor threads (-t 0), so library jobs run on flowrex executors that find this job service over mDNS (job port {service.Port}); giving up after {options.ExecutorTimeout.TotalSeconds:0} s without one");
        }
        else
        {
            Log.Info($"Job service on port {service.Port}: flowrex executors may join the {options.Threads} local executor threads");
        }
        return service;
    }

    private static Runtime.Protocol.PresharedKey? LoadKey(string? keyFile)
    {
        try
        {
            return KeySource.Load(keyFile);
        }
        catch (ArgumentException error)
        {
            throw new FlowRunException($"flowr: {error.Message}");
        }
    }

    private static void WaitForExecutors(JobService service, RunnerOptions options)
    {
        if (options.WaitExecutors == 0) return;
        Log.Info($"Waiting for {options.WaitExecutors} executor(s) to join before starting the flow");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (service.ExecutorCount < options.WaitExecutors)
        {
            if (waited.Elapsed > options.ExecutorTimeout)
            {
                throw new FlowRunException($"flowr: only {service.ExecutorCount} of {options.WaitExecutors} executor(s) joined within {options.ExecutorTimeout.TotalSeconds:0} s");
            }
            Thread.Sleep(10);
        }
        // Joined is not yet ready: each compiles the flow's WebAssembly modules first. An executor that
        // never says it is ready holds the start back no longer than this.
        if (!service.WaitUntilWarm(options.WaitExecutors, ExecutorWarmUpLimit))
        {
            Log.Info($"Starting the flow although not every executor has compiled its modules within {ExecutorWarmUpLimit.TotalSeconds:0} s");
        }
    }

    private static readonly TimeSpan ExecutorWarmUpLimit = TimeSpan.FromSeconds(2);
}
