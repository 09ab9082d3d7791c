// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;
using static Flowr.Tests.Context.ContextHarness;

namespace Flowr.Tests.Context;

public class TimeGetTests
{
    [Fact]
    public void Gives_time_epoch_and_elapsed()
    {
        var clock = new ManualTime(DateTimeOffset.FromUnixTimeMilliseconds(1_704_067_200_250));
        var harness = new ContextHarness("", clock);
        var get = harness.Create("time/get");

        JobOutcome first = get.Run([Value.FromString("now")]);
        Assert.True(first.RunAgain);
        Assert.Equal(
            Value.Parse("{\"elapsed_millis\":0,\"epoch_millis\":1704067200250,\"epoch_secs\":1704067200,\"time\":\"2024-01-01T00:00:00Z\"}"),
            first.Output);

        clock.Now = clock.Now.AddMilliseconds(61_500);
        JobOutcome second = get.Run([Value.Null]);
        Assert.Equal(Value.FromUInt64(61_500), Member(second.Output, "elapsed_millis"));
        Assert.Equal(Value.FromString("2024-01-01T00:01:01Z"), Member(second.Output, "time"));
    }

    [Fact]
    public void Uses_the_system_clock_by_default()
    {
        JobOutcome outcome = new ContextHarness().Run("time/get", Value.Null);
        Assert.True(Member(outcome.Output, "epoch_millis").TryGetUInt64(out ulong millis));
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange((long)millis, now - 60_000, now);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", Member(outcome.Output, "time").AsString);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
