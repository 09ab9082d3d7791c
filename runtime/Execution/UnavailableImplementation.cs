// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Execution;

/// <summary>
/// Code this process cannot run, with the reason: a shipped module that did not arrive intact or does
/// not load here, or WebAssembly on an executor started with <c>--no-wasm</c>. An executor refuses
/// its jobs (PROTOCOL.md, "refused") so the coordinator runs them elsewhere; called directly, every
/// job fails with the reason.
/// </summary>
public sealed class UnavailableImplementation(string reason) : IFunctionImplementation
{
    /// <summary>Why the code cannot run here.</summary>
    public string Reason { get; } = reason;

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Fail(Reason);
}
