// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

/// <summary>The 1.0 data additions: array_get, array_set, avg, bin_count, max, min.</summary>
public sealed class DataStreamFunctionTests
{
    [Theory]
    [InlineData("[10,20,30]", "0", """{"array":[10,20,30],"value":10}""")]
    [InlineData("[10,20,30]", "2", """{"array":[10,20,30],"value":30}""")]
    [InlineData("[10,20]", "5", """{"array":[10,20],"value":null}""")]
    [InlineData("[]", "0", """{"array":[],"value":null}""")]
    public void Array_get_reads_an_element_and_passes_the_array(string array, string index, string output) =>
        Assert.Equal(output, Lib.Output("data/array_get", array, index));

    [Theory]
    [InlineData("[1]", "-1")]
    [InlineData("[1]", "0.0")]
    [InlineData("{}", "0")]
    public void Array_get_rejects_bad_input(string array, string index) => Lib.Error("data/array_get", array, index);

    [Theory]
    [InlineData("[10,20,30]", "1", "99", "[10,99,30]")]
    [InlineData("[10,20]", "5", "99", "[10,20]")]
    [InlineData("[[1]]", "0", "null", "[null]")]
    public void Array_set_replaces_an_element(string array, string index, string value, string output) =>
        Assert.Equal(output, Lib.Output("data/array_set", array, index, value));

    [Fact]
    public void Array_set_leaves_its_input_unchanged()
    {
        var original = Runtime.Values.ValueJson.Parse("[1,2]");
        Assert.True(Runtime.Library.FlowStdLib.TryGetImplementation("lib://flowstdlib/data/array_set", out var set));
        set.Run([original, Runtime.Values.Value.FromInt64(0), Runtime.Values.Value.FromInt64(9)]);
        Assert.Equal("[1,2]", original.ToString());
    }

    [Theory]
    [InlineData("7", "-1")]
    [InlineData("null", "0")]
    public void Array_set_rejects_bad_input(string array, string index) => Lib.Error("data/array_set", array, index, "1");

    [Theory]
    [InlineData("10", "0", "0", """{"partial_count":1.0,"partial_sum":10.0}""")]
    [InlineData("2.5", "10.0", "1.0", """{"partial_count":2.0,"partial_sum":12.5}""")]
    [InlineData("null", "30.0", "3.0", """{"count":3.0,"result":10.0}""")]
    [InlineData("null", "0", "0", """{"count":0.0,"result":0.0}""")]
    public void Avg_accumulates_then_averages_on_null(string value, string sum, string count, string output) =>
        Assert.Equal(output, Lib.Output("data/avg", value, sum, count));

    [Theory]
    [InlineData("\"1\"", "0", "0")]
    [InlineData("1", "null", "0")]
    [InlineData("1", "0", "[]")]
    public void Avg_rejects_non_numbers(string value, string sum, string count) => Lib.Error("data/avg", value, sum, count);

    [Theory]
    [InlineData("2", "[0,0,0,0]", """{"partial":[0,0,1,0]}""")]
    [InlineData("2", "[0,0,1,0]", """{"partial":[0,0,2,0]}""")]
    [InlineData("9", "[0,0]", """{"partial":[0,0]}""")]
    [InlineData("0", "[\"x\"]", """{"partial":[1]}""")]
    [InlineData("null", "[3,1,2,0]", """{"bins":[3,1,2,0]}""")]
    public void Bin_count_counts_values_into_bins(string value, string bins, string output) =>
        Assert.Equal(output, Lib.Output("data/bin_count", value, bins));

    [Theory]
    [InlineData("-1", "[0]")]
    [InlineData("1.5", "[0]")]
    [InlineData("1", "7")]
    public void Bin_count_rejects_bad_input(string value, string bins) => Lib.Error("data/bin_count", value, bins);

    [Theory]
    [InlineData("data/max", "200", "0", """{"partial":200.0}""")]
    [InlineData("data/max", "-5", "3", """{"partial":3.0}""")]
    [InlineData("data/max", "null", "200", """{"result":200}""")]
    [InlineData("data/min", "50", "255", """{"partial":50.0}""")]
    [InlineData("data/min", "200", "50", """{"partial":50.0}""")]
    [InlineData("data/min", "null", "42", """{"result":42}""")]
    public void Max_and_min_track_the_extreme(string function, string value, string partial, string output) =>
        Assert.Equal(output, Lib.Output(function, value, partial));

    [Theory]
    [InlineData("data/max", "\"1\"", "0")]
    [InlineData("data/max", "1", "null")]
    [InlineData("data/min", "[1]", "0")]
    [InlineData("data/min", "1", "\"0\"")]
    public void Max_and_min_reject_non_numbers(string function, string value, string partial) => Lib.Error(function, value, partial);
}
