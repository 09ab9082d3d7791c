// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

public sealed class MathFunctionTests
{
    [Theory]
    [InlineData("1", "2", "3")]
    [InlineData("-5", "2", "-3")]
    [InlineData("2.5", "1", "3.5")]
    [InlineData("1.5", "2.5", "4.0")]
    [InlineData("9223372036854775808", "1", "9223372036854775809")]
    [InlineData("4660046610375530309", "-1", "4660046610375530308")]
    public void Add_follows_the_numeric_pattern(string i1, string i2, string sum) =>
        Assert.Equal(sum, Lib.Output("math/add", i1, i2));

    [Theory]
    [InlineData("1", "2.5")]                                          // i64 + float: no output
    [InlineData("4660046610375530309", "7540113804746346429")]        // i64 overflow, though it fits u64
    [InlineData("9223372036854775807", "1")]
    [InlineData("-9223372036854775808", "-1")]
    [InlineData("18446744073709551615", "1")]                         // u64 overflow
    [InlineData("9223372036854775808", "-1")]                         // u64 + negative
    [InlineData("1", "9223372036854775808")]                          // i64 + u64 above i64::MAX
    [InlineData("\"1\"", "2")]
    [InlineData("null", "2")]
    [InlineData("1", "[2]")]
    public void Add_gives_no_output_outside_the_pattern(string i1, string i2) => Lib.NoOutput("math/add", i1, i2);

    [Fact]
    public void Add_of_floats_overflowing_to_infinity_is_null() =>
        Assert.Equal("null", Lib.Output("math/add", "1.7976931348623157e308", "1.7976931348623157e308"));

    [Theory]
    [InlineData("5", "3", "2")]
    [InlineData("3", "5", "-2")]
    [InlineData("2.5", "1", "1.5")]
    [InlineData("18446744073709551615", "18446744073709551615", "0")]
    public void Subtract_follows_the_numeric_pattern(string i1, string i2, string difference) =>
        Assert.Equal(difference, Lib.Output("math/subtract", i1, i2));

    [Theory]
    [InlineData("-9223372036854775808", "1")]
    [InlineData("9223372036854775808", "9223372036854775809")]  // negative u64 result
    [InlineData("1", "0.5")]
    [InlineData("true", "1")]
    public void Subtract_gives_no_output_outside_the_pattern(string i1, string i2) => Lib.NoOutput("math/subtract", i1, i2);

    [Theory]
    [InlineData("6", "7", "42")]
    [InlineData("0", "18446744073709551615", "0")]
    [InlineData("4294967296", "4294967295", "18446744069414584320")]
    public void Multiply_multiplies_unsigned_integers(string i1, string i2, string product) =>
        Assert.Equal(product, Lib.Output("math/multiply", i1, i2));

    [Fact]
    public void Multiply_overflow_gives_no_output() => Lib.NoOutput("math/multiply", "4294967296", "4294967296");

    [Theory]
    [InlineData("-1", "2", "Could not get i1")]
    [InlineData("1.5", "2", "Could not get i1")]
    [InlineData("2", "-3", "Could not get i2")]
    [InlineData("2", "null", "Could not get i2")]
    public void Multiply_rejects_anything_but_u64(string i1, string i2, string error) =>
        Assert.Equal(error, Lib.Error("math/multiply", i1, i2));

    [Theory]
    [InlineData("99", "3", """{"remainder":0.0,"result":33.0}""")]
    [InlineData("3", "2", """{"remainder":1.0,"result":1.5}""")]
    [InlineData("-7", "2", """{"remainder":-1.0,"result":-3.5}""")]
    [InlineData("7", "-2", """{"remainder":1.0,"result":-3.5}""")]
    [InlineData("1", "0", """{"remainder":null,"result":null}""")]
    [InlineData("0", "0", """{"remainder":null,"result":null}""")]
    public void Divide_gives_float_result_and_fmod_remainder(string dividend, string divisor, string output) =>
        Assert.Equal(output, Lib.Output("math/divide", dividend, divisor));

    [Theory]
    [InlineData("\"1\"", "2")]
    [InlineData("1", "null")]
    public void Divide_of_a_non_number_is_an_error(string dividend, string divisor) =>
        Lib.Error("math/divide", dividend, divisor);

    [Theory]
    [InlineData("81", "9.0")]
    [InlineData("2", "1.4142135623730951")]
    [InlineData("0.25", "0.5")]
    [InlineData("-1", "null")]
    public void Sqrt_is_always_a_float(string input, string root) => Assert.Equal(root, Lib.Output("math/sqrt", input));

    [Fact]
    public void Sqrt_of_a_string_is_an_error() => Lib.Error("math/sqrt", "\"81\"");

    [Theory]
    [InlineData("math/sin", "0", "0")]
    [InlineData("math/cos", "0", "1")]
    [InlineData("math/tan", "0", "0")]
    [InlineData("math/sin", "1.5707963267948966", "1")]
    [InlineData("math/sin", "1", "0.8414709848078965")]
    [InlineData("math/cos", "3.141592653589793", "-1")]
    public void Trigonometry_returns_integral_results_as_integers(string function, string input, string output) =>
        Assert.Equal(output, Lib.Output(function, input));

    [Theory]
    [InlineData("math/sin")]
    [InlineData("math/cos")]
    [InlineData("math/tan")]
    public void Trigonometry_of_a_non_number_is_an_error(string function) => Lib.Error(function, "null");

    [Theory]
    [InlineData("1", "2", """{"equal":false,"gt":false,"gte":false,"lt":true,"lte":true,"ne":true}""")]
    [InlineData("2", "2", """{"equal":true,"gt":false,"gte":true,"lt":false,"lte":true,"ne":false}""")]
    [InlineData("-1", "-2", """{"equal":false,"gt":true,"gte":true,"lt":false,"lte":false,"ne":true}""")]
    [InlineData("18446744073709551615", "18446744073709551614", """{"equal":false,"gt":true,"gte":true,"lt":false,"lte":false,"ne":true}""")]
    [InlineData("1", "1.0", """{"equal":true,"gt":false,"gte":true,"lt":false,"lte":true,"ne":false}""")]
    public void Compare_emits_all_six_relations(string left, string right, string output) =>
        Assert.Equal(output, Lib.Output("math/compare", left, right));

    [Fact]
    public void Compare_of_floats_uses_the_epsilon_for_equal_only()
    {
        // |l − r| = 1e-17 < f64::EPSILON, so equal, yet l < r still holds.
        Assert.Equal("""{"equal":true,"gt":false,"gte":false,"lt":true,"lte":true,"ne":false}""",
            Lib.Output("math/compare", "1e-17", "2e-17"));
    }

    [Fact]
    public void Compare_of_a_non_number_is_an_error() => Lib.Error("math/compare", "\"a\"", "1");

    [Theory]
    [InlineData("[1,10]", """{"bottom":[1,5],"top":[6,10]}""")]
    [InlineData("[1,2]", """{"bottom":[1,1],"number":2}""")]
    [InlineData("[1,3]", """{"bottom":[1,2],"number":3}""")]
    [InlineData("[7,7]", """{"number":7}""")]
    [InlineData("[-3,0]", """{"bottom":[-3,-2],"top":[-1,0]}""")]
    [InlineData("[-9223372036854775808,9223372036854775807]", """{"bottom":[-9223372036854775808,-1],"top":[0,9223372036854775807]}""")]
    public void Range_split_halves_a_range(string range, string output) =>
        Assert.Equal(output, Lib.Output("math/range_split", range));

    [Fact]
    public void Range_split_covers_every_number_exactly_once()
    {
        var pending = new Stack<string>(["[3,17]"]);
        var numbers = new List<long>();
        while (pending.TryPop(out var range))
        {
            var output = Runtime.Values.ValueJson.Parse(Lib.Output("math/range_split", range)).AsObject!;
            if (output.TryGetValue("number", out var number)) numbers.Add(long.Parse(number.ToString(), System.Globalization.CultureInfo.InvariantCulture));
            if (output.TryGetValue("bottom", out var bottom)) pending.Push(bottom.ToString());
            if (output.TryGetValue("top", out var top)) pending.Push(top.ToString());
        }
        numbers.Sort();
        Assert.Equal(Enumerable.Range(3, 15).Select(n => (long)n), numbers);
    }

    [Theory]
    [InlineData("[5,3]")]          // project choice: min > max is an error, not an endless loop
    [InlineData("[1]")]
    [InlineData("[1,2,3]")]
    [InlineData("[1.5,3]")]
    [InlineData("7")]
    [InlineData("null")]
    public void Range_split_rejects_bad_ranges(string range) => Lib.Error("math/range_split", range);
}
