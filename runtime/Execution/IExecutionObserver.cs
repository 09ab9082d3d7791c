// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Execution;

/// <summary>Told what local executor threads do, so a job service can place jobs and report on them.</summary>
internal interface IExecutionObserver
{
    /// <summary>
    /// Thread number <paramref name="thread"/> (0, 1, …) took <paramref name="job"/>; <paramref name="stolen"/>
    /// when it came from the queue remote executors share.
    /// </summary>
    void Taken(Job job, bool stolen, int thread);

    /// <summary>A sampled job ran for <paramref name="elapsedTicks"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
    void Timed(Job job, long elapsedTicks);
}
