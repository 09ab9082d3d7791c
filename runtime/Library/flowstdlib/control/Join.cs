// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary><c>control/join</c>: emits <c>data</c> once a <c>control</c> value is also available; the control value is ignored.</summary>
internal sealed class Join : IFunctionImplementation
{
    public static readonly Join Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => JobOutcome.Ok(inputs[0]);
}
