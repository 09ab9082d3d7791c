// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Execution;

/// <summary>
/// The code behind a function. <see cref="Run"/> takes one value per input (in input order) and
/// returns the job's outcome. Library implementations are pure and may be called from several
/// threads at once; they must not keep per-call state. Throwing is allowed: the executor turns the
/// exception into an error result naming the function.
/// </summary>
public interface IFunctionImplementation
{
    JobOutcome Run(ReadOnlySpan<Value> inputs);
}
