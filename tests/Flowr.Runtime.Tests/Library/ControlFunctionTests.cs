// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

public sealed class ControlFunctionTests
{
    [Theory]
    [InlineData("5", "5", """{"equal":5,"left-gte":5,"left-lte":5,"right-gte":5,"right-lte":5}""")]
    [InlineData("10", "3", """{"left-gt":10,"left-gte":10,"right-lt":3,"right-lte":3}""")]
    [InlineData("3", "10", """{"left-lt":3,"left-lte":3,"right-gt":10,"right-gte":10}""")]
    [InlineData("2.0", "2", """{"equal":2,"left-gte":2.0,"left-lte":2.0,"right-gte":2,"right-lte":2}""")]
    public void Compare_switch_emits_the_original_values_of_true_relations(string left, string right, string output) =>
        Assert.Equal(output, Lib.Output("control/compare_switch", left, right));

    [Theory]
    [InlineData("\"1\"", "2")]
    [InlineData("1", "null")]
    public void Compare_switch_of_a_non_number_is_an_error(string left, string right) =>
        Assert.Equal("Could not get input values as f64", Lib.Error("control/compare_switch", left, right));

    [Theory]
    [InlineData("42", "null", "-1", "0", """{"index":0,"selected_value":42}""")]
    [InlineData("42", "null", "0", "1", """{"index":1,"selected_value":42}""")]
    [InlineData("42", "null", "1", "1", """{"index":2}""")]
    [InlineData("43", "42", "7", "-1", """{"index":8}""")]
    [InlineData("null", "42", "7", "-1", """{"index":8,"selected_value":42}""")]
    [InlineData("42", "null", "0", "\"x\"", """{"index":1}""")]
    [InlineData("42", "null", "\"x\"", "0", "{}")]
    public void Index_selects_the_nth_value_or_the_last(string value, string previous, string previousIndex, string select, string output) =>
        Assert.Equal(output, Lib.Output("control/index", value, previous, previousIndex, select));

    [Fact]
    public void Index_overflow_is_an_error() => Lib.Error("control/index", "1", "0", "9223372036854775807", "0");

    [Theory]
    [InlineData("42", "\"OK\"", "42")]
    [InlineData("[1,2]", "null", "[1,2]")]
    [InlineData("null", "1", "null")]
    public void Join_emits_data_and_ignores_control(string data, string control, string output) =>
        Assert.Equal(output, Lib.Output("control/join", data, control));

    [Theory]
    [InlineData("\"A\"", "true", """{"true":"A"}""")]
    [InlineData("\"A\"", "false", """{"false":"A"}""")]
    public void Route_sends_data_on_the_output_named_by_control(string data, string control, string output) =>
        Assert.Equal(output, Lib.Output("control/route", data, control));

    [Fact]
    public void Route_needs_a_boolean_control() => Lib.Error("control/route", "1", "1");

    [Theory]
    [InlineData("true", """{"select_i1":"A","select_i2":"B"}""")]
    [InlineData("false", """{"select_i1":"B","select_i2":"A"}""")]
    public void Select_passes_or_swaps_its_inputs(string control, string output) =>
        Assert.Equal(output, Lib.Output("control/select", "\"A\"", "\"B\"", control));

    [Fact]
    public void Select_needs_a_boolean_control() => Lib.Error("control/select", "1", "2", "null");

    [Fact]
    public void Tap_passes_data_when_control_is_true() => Assert.Equal("\"A\"", Lib.Output("control/tap", "\"A\"", "true"));

    [Fact]
    public void Tap_drops_data_when_control_is_false() => Lib.NoOutput("control/tap", "\"A\"", "false");

    [Theory]
    [InlineData("1")]
    [InlineData("\"true\"")]
    [InlineData("null")]
    public void Tap_needs_a_boolean_control(string control) =>
        Assert.Equal("Could not get boolean", Lib.Error("control/tap", "\"A\"", control));
}
