// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Library;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Library;

/// <summary>Every function, given every combination of odd values, returns an outcome and never throws.</summary>
public sealed class OddInputTests
{
    private static readonly Value[] s_odd =
    [
        .. new[]
        {
            "null", "true", "0", "-1", "1.5", "18446744073709551615", "-9223372036854775808", "\"\"", "\"a b\"",
            "[]", "[[]]", "[null]", "{}", """{"a":[1]}""",
        }.Select(ValueJson.Parse),
    ];

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (string location in FlowStdLib.FunctionLocations) data.Add(location);
        return data;
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Odd_inputs_give_an_outcome_not_an_exception(string location)
    {
        Assert.True(FlowStdLib.TryGetImplementation(location, out var implementation));
        Assert.True(FlowStdLib.TryGetInputCount(location, out int count));
        var inputs = new Value[count];
        int combinations = (int)System.Math.Pow(s_odd.Length, count);
        for (int combination = 0; combination < combinations; combination++)
        {
            for (int i = 0, rest = combination; i < count; i++, rest /= s_odd.Length) inputs[i] = s_odd[rest % s_odd.Length];
            JobOutcome outcome = implementation.Run(inputs);
            if (outcome.IsError) Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
            else Assert.True(outcome.RunAgain, $"{location} asked not to run again");
        }
    }

    [Fact]
    public void Implementations_are_safe_to_call_from_many_threads()
    {
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/math/compare", out var compare));
        Assert.True(FlowStdLib.TryGetImplementation("lib://flowstdlib/data/split", out var split));
        Parallel.For(0, 20_000, i =>
        {
            var result = compare.Run([Value.FromInt64(i), Value.FromInt64(10_000)]);
            Assert.Equal(i < 10_000, result.Output.AsObject!.TryGetValue("lt", out var lt) && lt == Value.True);
            var pieces = split.Run([Value.FromString($"word{i} other{i}"), Value.FromString(" ")]);
            Assert.True(pieces.Output.AsObject!.TryGetValue("partial", out var partial));
            Assert.Equal($"word{i}", partial.ArrayItems[0].AsString);
        });
    }
}
