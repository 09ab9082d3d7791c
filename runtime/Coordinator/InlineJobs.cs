// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// Which jobs the coordinator runs on its own thread, and running them. Handing a job to an executor
/// thread and taking its result back costs the coordinator more than a flowstdlib job of a few numbers
/// costs itself (and an idle thread's wake-up costs several microseconds more), so in a local run:
/// <list type="bullet">
/// <item>a <b>short</b> job (under <see cref="ShortJob"/>) always runs here;</item>
/// <item>a <b>medium</b> one (under <see cref="LongJob"/>) runs here when nothing else could run beside it
/// (a chain: each job waits for the one before);</item>
/// <item>a long one, and any job not of flowstdlib (WebAssembly, other libraries), goes to the executor
/// threads, so that the coordinator stays free to retire results and jobs run side by side.</item>
/// </list>
/// Each function is judged by timing some of its jobs here: not its first (in a process just started it
/// pays for faulting its code in), then its second and third, then one in <see cref="SampleEvery"/>. The
/// shorter of the last two times decides, so that one job the machine happened to preempt does not send
/// a function away; once long, a function's jobs go to the threads for the rest of the run.
/// </summary>
internal sealed class InlineJobs
{
    /// <summary>Under this a job always runs here (2 µs, about what a hand-off costs the coordinator).</summary>
    private static readonly long ShortJob = Stopwatch.Frequency / 500_000;
    /// <summary>Over this a job never runs here again (50 µs).</summary>
    private static readonly long LongJob = Stopwatch.Frequency / 20_000;
    private const int SampleEvery = 16;

    private enum Kind : byte { Unknown, Short, Medium, Never }

    private readonly Kind[] _kinds;
    private readonly int[] _runs;
    private readonly long[] _lastTime;

    public InlineJobs(RunState state)
    {
        _kinds = new Kind[state.FunctionCount];
        _runs = new int[state.FunctionCount];
        _lastTime = new long[state.FunctionCount];
        for (int id = 0; id < _kinds.Length; id++)
        {
            var spec = state.Function(id);
            bool builtIn = !spec.IsContext && spec.ImplementationLocation.StartsWith(Library.FlowStdLib.UrlPrefix, StringComparison.Ordinal);
            _kinds[id] = builtIn ? Kind.Unknown : Kind.Never;
        }
    }

    /// <summary>Jobs run here since this object was made.</summary>
    public long JobsRun { get; private set; }

    /// <summary>True when <paramref name="job"/> may run here when nothing else is out (a chain).</summary>
    public bool MayRun(Job job) => _kinds[job.FunctionId] != Kind.Never;

    /// <summary>True when <paramref name="job"/> runs here whatever else is out: its function's jobs are short, or not yet judged.</summary>
    public bool RunsAnyway(Job job) => _kinds[job.FunctionId] is Kind.Short or Kind.Unknown;

    /// <summary>
    /// True when <paramref name="job"/> runs here while no job is out at all: always when it is short, and
    /// when it is medium only if <paramref name="othersReady"/> is false (nothing could run beside it).
    /// </summary>
    public bool RunsAlone(Job job, bool othersReady) => _kinds[job.FunctionId] switch
    {
        Kind.Never => false,
        Kind.Medium => !othersReady,
        _ => true,
    };

    /// <summary>
    /// Runs <paramref name="job"/> here and records its outcome. It never went out, so no other result can
    /// race it: no claim (<see cref="Job.Execute"/>) is needed.
    /// </summary>
    public void Run(Job job)
    {
        JobsRun++;
        int id = job.FunctionId;
        int run = _runs[id]++;
        if (run == 0 || (run > 2 && run % SampleEvery != 0))
        {
            job.Outcome = job.Run();
            return;
        }
        long start = Stopwatch.GetTimestamp();
        job.Outcome = job.Run();
        long took = Stopwatch.GetTimestamp() - start;
        long judged = Math.Min(took, _lastTime[id]);
        _lastTime[id] = took;
        if (_kinds[id] == Kind.Never) return;
        _kinds[id] = judged > LongJob ? Kind.Never : judged > ShortJob ? Kind.Medium : Kind.Short;
    }
}
