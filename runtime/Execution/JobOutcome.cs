// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Execution;

/// <summary>
/// What a job produced: an optional value and run_again, or an error message. "No value" and
/// "the value null" are distinct (<see cref="HasOutput"/>). A struct, so returning it allocates nothing.
/// </summary>
public readonly struct JobOutcome
{
    public readonly Value Output;
    public readonly bool HasOutput;
    public readonly bool RunAgain;
    /// <summary>Non-null when the job failed.</summary>
    public readonly string? Error;

    private JobOutcome(Value output, bool hasOutput, bool runAgain, string? error)
    {
        Output = output;
        HasOutput = hasOutput;
        RunAgain = runAgain;
        Error = error;
    }

    /// <summary>A value, and whether the function may run again.</summary>
    public static JobOutcome Ok(Value output, bool runAgain = true) => new(output, true, runAgain, null);

    /// <summary>No value: nothing is sent on any output connection.</summary>
    public static JobOutcome NoOutput(bool runAgain = true) => new(default, false, runAgain, null);

    /// <summary>An error result; the function is neither refilled nor completed.</summary>
    public static JobOutcome Fail(string message) => new(default, false, false, message);

    public bool IsError => Error is not null;
}
