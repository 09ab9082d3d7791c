// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics;
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// Which jobs the coordinator may run on its own thread, and running them. When nothing else is out and
/// one flowstdlib job is all there is to do (a chain: each job waits for the one before), handing it to an
/// idle executor thread and waiting for it to come back costs several microseconds of thread wake-ups,
/// many times the job itself. Only flowstdlib functions qualify (built in, pure, short), and a function
/// whose job ran longer than <see cref="LongJob"/> here goes back to the executor threads for the rest of
/// the run: the coordinator must stay free to retire results. A function's first job here is not judged:
/// in a process just started it pays for faulting its code in.
/// </summary>
internal sealed class InlineJobs
{
    /// <summary>A job longer than this is not run on the coordinator thread again (50 µs).</summary>
    private static readonly long LongJob = Stopwatch.Frequency / 20_000;
    private readonly bool[] _eligible;
    private readonly bool[] _judged;

    public InlineJobs(RunState state)
    {
        _eligible = new bool[state.FunctionCount];
        _judged = new bool[state.FunctionCount];
        for (int id = 0; id < _eligible.Length; id++)
        {
            var spec = state.Function(id);
            _eligible[id] = !spec.IsContext && spec.ImplementationLocation.StartsWith(Library.FlowStdLib.UrlPrefix, StringComparison.Ordinal);
        }
    }

    /// <summary>Jobs run here since this object was made.</summary>
    public long JobsRun { get; private set; }

    /// <summary>True when <paramref name="job"/> may run on the coordinator thread.</summary>
    public bool Accepts(Job job) => _eligible[job.FunctionId];

    /// <summary>Runs <paramref name="job"/> here, recording its outcome as an executor would.</summary>
    public void Run(Job job)
    {
        long start = Stopwatch.GetTimestamp();
        job.Execute();
        long took = Stopwatch.GetTimestamp() - start;
        int id = job.FunctionId;
        if (_judged[id] && took > LongJob) _eligible[id] = false;
        _judged[id] = true;
        JobsRun++;
    }
}
