// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

public sealed class DataFunctionTests
{
    [Theory]
    [InlineData("1", "[]", "4", """{"chunk_size":4,"partial":[1]}""")]
    [InlineData("4", "[1,2,3]", "4", """{"chunk":[1,2,3,4],"chunk_size":4,"partial":[]}""")]
    [InlineData("[5]", "[]", "1", """{"chunk":[[5]],"chunk_size":1,"partial":[]}""")]
    [InlineData("1", "[]", "0", """{"chunk":[1],"chunk_size":0,"partial":[]}""")]
    [InlineData("null", "[1]", "4", """{"chunk":null}""")]
    [InlineData("null", "7", "\"x\"", """{"chunk":null}""")]
    public void Accumulate_builds_chunks(string value, string partial, string size, string output) =>
        Assert.Equal(output, Lib.Output("data/accumulate", value, partial, size));

    [Theory]
    [InlineData("1", "[]", "-1", "Could not get chunk_size")]
    [InlineData("1", "[]", "2.0", "Could not get chunk_size")]
    [InlineData("1", "{}", "2", "Could not get partial")]
    public void Accumulate_rejects_bad_partial_or_size(string value, string partial, string size, string error) =>
        Assert.Equal(error, Lib.Error("data/accumulate", value, partial, size));

    [Theory]
    [InlineData("\"hello\"", "\" world\"", "\"hello world\"")]
    [InlineData("\"\"", "\"\"", "\"\"")]
    public void Append_concatenates_strings(string s1, string s2, string output) => Assert.Equal(output, Lib.Output("data/append", s1, s2));

    [Theory]
    [InlineData("1", "\"a\"", "Could not get s1")]
    [InlineData("\"a\"", "null", "Could not get s2")]
    public void Append_of_a_non_string_is_an_error(string s1, string s2, string error) =>
        Assert.Equal(error, Lib.Error("data/append", s1, s2));

    [Theory]
    [InlineData("42", "0", "{\"count\":1}")]
    [InlineData("null", "41", "{\"count\":42}")]
    [InlineData("\"x\"", "-5", "{\"count\":-4}")]
    public void Count_increments_the_count(string data, string count, string output) => Assert.Equal(output, Lib.Output("data/count", data, count));

    [Theory]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("9223372036854775807")]
    public void Count_rejects_a_bad_count(string count) => Lib.Error("data/count", "1", count);

    [Theory]
    [InlineData("42", "2", "[42,42]")]
    [InlineData("[1,2]", "2", "[[1,2],[1,2]]")]
    [InlineData("\"a\"", "0", "[]")]
    [InlineData("\"a\"", "-3", "[]")]
    public void Duplicate_makes_copies(string value, string factor, string output) => Assert.Equal(output, Lib.Output("data/duplicate", value, factor));

    [Theory]
    [InlineData("2.5")]
    [InlineData("\"2\"")]
    [InlineData("9223372036854775807")]
    public void Duplicate_rejects_a_bad_factor(string factor) => Lib.Error("data/duplicate", "1", factor);

    [Theory]
    [InlineData("""["a","b"]""", """[[0,"a"],[1,"b"]]""")]
    [InlineData("[]", "[]")]
    public void Enumerate_pairs_indexes_with_elements(string array, string output) => Assert.Equal(output, Lib.Output("data/enumerate", array));

    [Fact]
    public void Enumerate_of_a_non_array_is_an_error() => Lib.Error("data/enumerate", "\"ab\"");

    [Theory]
    [InlineData("1", """{"columns":1,"rows":1,"type":"number"}""")]
    [InlineData("true", """{"columns":1,"rows":1,"type":"boolean"}""")]
    [InlineData("\"Hello\"", """{"columns":5,"rows":1,"type":"string"}""")]
    [InlineData("\"é\"", """{"columns":2,"rows":1,"type":"string"}""")]
    [InlineData("null", """{"columns":0,"rows":0,"type":"null"}""")]
    [InlineData("[1,2,3]", """{"columns":3,"rows":1,"type":"array/number"}""")]
    [InlineData("[[1,2,3],[4,5,6]]", """{"columns":3,"rows":2,"type":"array/array/number"}""")]
    [InlineData("[]", """{"columns":0,"rows":0,"type":"array/"}""")]
    [InlineData("""{"1":[3,4],"0":[1,2]}""", """{"columns":2,"rows":2,"type":"object/array/number"}""")]
    [InlineData("{}", """{"columns":2,"rows":0,"type":"object/Unknown"}""")]
    public void Info_describes_a_value(string value, string output) => Assert.Equal(output, Lib.Output("data/info", value));

    [Theory]
    [InlineData("\"the quick brown\"", "\" \"", """["the","quick","brown"]""")]
    [InlineData("\"a,,b,\"", "\",\"", """["a","","b",""]""")]
    [InlineData("\"\"", "\",\"", """[""]""")]
    [InlineData("\"ab\"", "\"\"", """["","a","b",""]""")]
    [InlineData("null", "\",\"", "null")]
    public void Ordered_split_splits_keeping_order(string text, string separator, string output) =>
        Assert.Equal(output, Lib.Output("data/ordered_split", text, separator));

    [Theory]
    [InlineData("1", "\",\"")]
    [InlineData("\"a,b\"", "1")]
    public void Ordered_split_of_non_strings_is_an_error(string text, string separator) => Lib.Error("data/ordered_split", text, separator);

    [Theory]
    [InlineData("1", "[1,2]", "[2]")]
    [InlineData("2", "[1,2,2,3,4]", "[1,3,4]")]
    [InlineData("3", "[1,2]", "[1,2]")]
    [InlineData("3", "[]", "[]")]
    [InlineData("2", "[2.0,2]", "[2.0]")]
    [InlineData("\"a\"", "\"abc\"", "\"abc\"")]
    [InlineData("[1]", "[[1],[2]]", "[[2]]")]
    public void Remove_removes_every_equal_element(string value, string array, string output) =>
        Assert.Equal(output, Lib.Output("data/remove", value, array));

    [Theory]
    [InlineData("[7,1,4,8,3,9]", "[1,3,4,7,8,9]")]
    [InlineData("[7,1,8,4,8,3,1,9]", "[1,1,3,4,7,8,8,9]")]
    [InlineData("[2.5,-1,18446744073709551615,0,1.0,1]", "[-1,0,1.0,1,2.5,18446744073709551615]")]
    [InlineData("[]", "[]")]
    [InlineData("null", "null")]
    public void Sort_orders_numbers_ascending_and_stably(string array, string output) => Assert.Equal(output, Lib.Output("data/sort", array));

    [Theory]
    [InlineData("\"Hello World\"")]
    [InlineData("[1,\"a\"]")]
    public void Sort_of_non_numbers_is_an_error(string array) => Lib.Error("data/sort", array);

    [Theory]
    [InlineData("[1,2]", "[3,4]", "[[1,3],[2,4]]")]
    [InlineData("[1,2]", "[3]", "[[1,3]]")]
    [InlineData("[]", "[]", "[]")]
    public void Zip_pairs_elements(string left, string right, string output) => Assert.Equal(output, Lib.Output("data/zip", left, right));

    [Theory]
    [InlineData("1", "[3,4]")]
    [InlineData("[1,2]", "3")]
    public void Zip_of_a_non_array_is_an_error(string left, string right) => Lib.Error("data/zip", left, right);
}
