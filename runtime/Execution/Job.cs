// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Execution;

/// <summary>
/// One call of a function: its input set going out and its outcome coming back. A job and its
/// result are the same object, pooled per function by the run state, so a steady flow of numbers
/// allocates nothing per job.
/// </summary>
public sealed class Job
{
    internal Job(int functionId, int flowId, int inputCount, IFunctionImplementation implementation, string functionName, bool isContext)
    {
        IsContext = isContext;
        FunctionId = functionId;
        FlowId = flowId;
        Inputs = inputCount == 0 ? [] : new Value[inputCount];
        Implementation = implementation;
        FunctionName = functionName;
    }

    /// <summary>Job id: 1, 2, … in creation order within one run.</summary>
    public long Id { get; internal set; }

    public int FunctionId { get; }

    /// <summary>A context (impure) function's job: it runs on the runner's context thread.</summary>
    public bool IsContext { get; }
    public int FlowId { get; }

    /// <summary>One value per input of the function, in input order.</summary>
    public Value[] Inputs { get; }

    /// <summary>The code to run; executors call it and fill <see cref="Outcome"/>.</summary>
    public IFunctionImplementation Implementation { get; }

    /// <summary>The function's route (or location), for error messages.</summary>
    public string FunctionName { get; }

    /// <summary>Set by the executor before the job is handed back.</summary>
    public JobOutcome Outcome { get; set; }

    /// <summary>Free-list link used by the run state's pool.</summary>
    internal Job? NextFree { get; set; }

    /// <summary>The next younger job of the same function still in flight (the run state's per-function list).</summary>
    internal Job? NextOfFunction { get; set; }

    /// <summary>The run (<c>RunState.Init</c> call) that created it.</summary>
    internal int RunNumber { get; set; }

    /// <summary>Its result is back (set by the run state on the coordinator thread).</summary>
    internal bool Done { get; set; }

    /// <summary>An older job of its function did not run again: this one is void, as if never created.</summary>
    internal bool Discarded { get; set; }

    /// <summary>Runs the implementation and records the outcome; an exception becomes an error result.</summary>
    public void Execute()
    {
        try
        {
            JobOutcome outcome = Implementation.Run(Inputs);
            Outcome = outcome.IsError ? JobOutcome.Fail($"{FunctionName}: {outcome.Error}") : outcome;
        }
        catch (Exception exception)
        {
            Outcome = JobOutcome.Fail($"{FunctionName}: {exception.Message}");
        }
    }
}
