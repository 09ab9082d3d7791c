// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Execution;

/// <summary>Something that runs jobs and posts them, finished, to the run's <see cref="ResultQueue"/>.</summary>
public interface IJobSink
{
    /// <summary>Takes a job to run; false when it cannot take more now.</summary>
    bool TrySubmit(Job job);

    /// <summary>Called after a batch of submissions, so sleeping workers can be woken once.</summary>
    void Flush(int submitted);
}
