// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary><c>control/select</c>: control true emits (i1, i2) on (select_i1, select_i2), false swaps them; a non-boolean control is an error.</summary>
internal sealed class Select : IFunctionImplementation
{
    public static readonly Select Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[2].TryGetBoolean(out bool control)) return JobOutcome.Fail("Could not get boolean");
        Value first = control ? inputs[0] : inputs[1], second = control ? inputs[1] : inputs[0];
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("select_i1", first),
            LibValues.Member("select_i2", second)));
    }
}
