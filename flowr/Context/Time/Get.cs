// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Time;

/// <summary>
/// <c>context://time/get</c> (Era B, upstream 1.0): its one input is only a trigger. Outputs
/// <c>time</c> (UTC, <c>YYYY-MM-DDTHH:MM:SSZ</c>), <c>epoch_secs</c>, <c>epoch_millis</c> and
/// <c>elapsed_millis</c> (milliseconds since the previous call, 0 on the first). Runs again.
/// </summary>
internal sealed class Get : IFunctionImplementation
{
    private readonly TimeProvider _time;
    private ulong _previousMillis;

    public Get(TimeProvider time) => _time = time;

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        DateTimeOffset now = _time.GetUtcNow();
        long millis = now.ToUnixTimeMilliseconds();
        if (millis < 0) return JobOutcome.Fail("System time before Unix epoch");
        ulong epochMillis = (ulong)millis;
        ulong elapsed = _previousMillis == 0 || epochMillis < _previousMillis ? 0 : epochMillis - _previousMillis;
        _previousMillis = epochMillis;

        var result = Value.FromObject(
            new("elapsed_millis", Value.FromUInt64(elapsed)),
            new("epoch_millis", Value.FromUInt64(epochMillis)),
            new("epoch_secs", Value.FromUInt64(epochMillis / 1000)),
            new("time", Value.FromString(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        return JobOutcome.Ok(result, runAgain: true);
    }
}
