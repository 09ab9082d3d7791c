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
    public long Id
    {
        get => _id;
        internal set
        {
            _id = value;
            Volatile.Write(ref _claim, value);
        }
    }

    private long _id;
    /// <summary>The id while no result of this incarnation was taken; its negation once one was.</summary>
    private long _claim;

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

    /// <summary>Its estimated run time in nanoseconds when a job service placed it (for backlog accounting).</summary>
    internal long PlacementCost { get; set; }

    /// <summary>The run state's generation that created it (it changes with <c>Init</c>, and a speculative state's with each resynchronisation).</summary>
    internal int Generation { get; set; }

    /// <summary>The number of jobs of its function created before it since the run began: 0, 1, 2, …</summary>
    internal int Index { get; set; }

    /// <summary>Created by a speculative run state (its result is a prediction until the committed state takes it).</summary>
    internal bool Speculative { get; set; }

    /// <summary>Handed out for an executor.</summary>
    internal bool Dispatched { get; set; }

    /// <summary>Left over from a speculation that was restarted: the new one may adopt it when it makes the same job.</summary>
    internal bool Legacy { get; set; }

    /// <summary>Its result has been applied by a speculative run state, which keeps it until the committed state takes it.</summary>
    internal bool Retired { get; set; }

    /// <summary>Its result is back (set by the run state on the coordinator thread).</summary>
    internal bool Done { get; set; }

    /// <summary>An older job of its function did not run again: this one is void, as if never created.</summary>
    internal bool Discarded { get; set; }

    /// <summary>
    /// Speculative state: the coordinator computed <see cref="PredictedOutcome"/> itself, so the speculation
    /// went on without waiting for an executor; the job still runs there, and only its result is committed.
    /// </summary>
    internal bool Predicted { get; set; }

    /// <summary>The outcome the coordinator computed for a <see cref="Predicted"/> job.</summary>
    internal JobOutcome PredictedOutcome { get; set; }

    /// <summary>Speculative state: let go while an executor still had it; it goes back to its pool when it comes back.</summary>
    internal bool Orphaned { get; set; }

    /// <summary>
    /// Runs the implementation and records the outcome; an exception becomes an error result. False when
    /// another executor's result for this job was taken first (a job re-dispatched after a missed deadline):
    /// then nothing is recorded and the job must not be posted.
    /// </summary>
    public bool Execute()
    {
        long id = Id;
        JobOutcome outcome = Run();
        if (!TryClaim(id)) return false;
        Outcome = outcome;
        return true;
    }

    /// <summary>Runs the implementation without recording anything: for executors that send the outcome elsewhere.</summary>
    public JobOutcome Run()
    {
        try
        {
            JobOutcome outcome = Implementation.Run(Inputs);
            return outcome.IsError ? JobOutcome.Fail($"{FunctionName}: {outcome.Error}") : outcome;
        }
        catch (Exception exception)
        {
            return JobOutcome.Fail($"{FunctionName}: {exception.Message}");
        }
    }

    /// <summary>
    /// Takes the right to post the result of job <paramref name="id"/>: true for the first caller only,
    /// and false when this object has meanwhile been reused for another job.
    /// </summary>
    internal bool TryClaim(long id) => Interlocked.CompareExchange(ref _claim, -id, id) == id;

    /// <summary>True once a result of the current job was taken.</summary>
    internal bool IsClaimed => Volatile.Read(ref _claim) < 0;
}
