// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

/// <summary>How the run state picks ready functions.</summary>
public enum ReadyOrder
{
    /// <summary>First in, first out (the project's default, docs/runtime.md).</summary>
    Fifo,
    /// <summary>A random ready entry, as upstream's default; for order-independence tests.</summary>
    Random,
}

/// <summary>Settings of one run.</summary>
public sealed class RunStateOptions
{
    /// <summary>Cap on jobs outstanding at once (<c>-j</c>); 0 = no cap but <see cref="MaxInFlight"/>.</summary>
    public int MaxJobs { get; init; }

    /// <summary>
    /// Jobs outstanding at once without <c>-j</c>: created and not yet retired. A constant of the run, never
    /// the number of threads or executors, so that which jobs exist never depends on where they run.
    /// </summary>
    public int MaxInFlight { get; init; } = DefaultMaxInFlight;

    /// <summary>
    /// A speculative run state: it runs ahead of the committed one, retires each function's jobs in their
    /// order but functions in any order, simulates context sinks and never creates jobs of context functions
    /// that produce values. Its results are predictions the committed state checks and takes.
    /// </summary>
    public bool Speculative { get; init; }

    /// <summary>
    /// A speculative state computes the results of flowstdlib jobs on loops itself, as predictions, so that a
    /// chain of them (a loopback, a counter) runs ahead without waiting a round trip per step. The jobs still go to
    /// the executors, and the committed state takes only their results. For runs with remote executors.
    /// </summary>
    public bool PredictLibraryResults { get; init; }

    /// <summary>The default of <see cref="MaxInFlight"/>.</summary>
    public const int DefaultMaxInFlight = 4096;

    /// <summary>How ready functions are picked. A debugger may change it mid-run.</summary>
    public ReadyOrder Order { get; set; } = ReadyOrder.Fifo;

    /// <summary>Seed for <see cref="ReadyOrder.Random"/>.</summary>
    public int Seed { get; init; } = 1;
}
