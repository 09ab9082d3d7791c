// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary><c>control/tap</c>: emits <c>data</c> when <c>control</c> is true, nothing when false; a non-boolean control is an error.</summary>
internal sealed class Tap : IFunctionImplementation
{
    public static readonly Tap Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[1].TryGetBoolean(out bool control)) return JobOutcome.Fail("Could not get boolean");
        return control ? JobOutcome.Ok(inputs[0]) : JobOutcome.NoOutput();
    }
}
