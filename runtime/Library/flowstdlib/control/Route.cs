// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary><c>control/route</c>: sends <c>data</c> on the output named by the boolean <c>control</c> ("true" or "false"); a non-boolean control is an error.</summary>
internal sealed class Route : IFunctionImplementation
{
    public static readonly Route Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs) =>
        inputs[1].TryGetBoolean(out bool control)
            ? JobOutcome.Ok(LibValues.Object(control ? "true" : "false", inputs[0]))
            : JobOutcome.Fail("Could not get boolean");
}
