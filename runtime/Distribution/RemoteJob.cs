// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Distribution;

/// <summary>A job received by an executor; pooled and reused for later jobs of the session.</summary>
internal sealed class RemoteJob
{
    public long Id;
    public int Implementation;
    public int InputCount;
    public Value[] Inputs = new Value[4];
    public JobOutcome Outcome;
    /// <summary>The executor cannot run this job's implementation; <see cref="Outcome"/> holds why.</summary>
    public bool Refused;
    /// <summary>When its frame was received (<see cref="System.Diagnostics.Stopwatch"/> ticks): the result says how long the executor held it.</summary>
    public long ReceivedAt;

    public ReadOnlySpan<Value> InputSpan => Inputs.AsSpan(0, InputCount);

    public void Reset()
    {
        Array.Clear(Inputs, 0, InputCount);
        InputCount = 0;
        Outcome = default;
        Refused = false;
    }
}
