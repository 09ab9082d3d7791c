// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Library;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Library;

/// <summary>The per-job path of the numeric and control functions allocates nothing.</summary>
public sealed class AllocationTests
{
    public static TheoryData<string, string, string> Jobs => new()
    {
        { "math/add", "4660046610375530309", "1" },
        { "math/add", "2.5", "1" },
        { "math/add", "9223372036854775807", "1" },
        { "math/subtract", "5", "7" },
        { "math/multiply", "6", "7" },
        { "math/compare", "1", "2.5" },
        { "math/sqrt", "81", "" },
        { "math/sin", "1", "" },
        { "control/tap", "\"data\"", "true" },
        { "control/tap", "\"data\"", "false" },
        { "control/join", "[1,2]", "null" },
        { "data/remove", "9", "[1,2,3]" },
        { "fmt/to_json", "7", "" },
    };

    [Theory]
    [MemberData(nameof(Jobs))]
    public void A_job_allocates_nothing(string function, string first, string second)
    {
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/" + function, out var implementation));
        Value[] inputs = second.Length == 0 ? [ValueJson.Parse(first)] : [ValueJson.Parse(first), ValueJson.Parse(second)];

        for (int i = 0; i < 100; i++) implementation.Run(inputs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) implementation.Run(inputs);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
