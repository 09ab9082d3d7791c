// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Tests.Library;

public sealed class MatrixFunctionTests
{
    [Fact]
    public void Compose_matrix_fills_the_first_free_cell_until_full()
    {
        string partial = "[[null,null],[null,null]]";
        string[] expected = ["""{"partial":[[1,null],[null,null]]}""", """{"partial":[[1,2],[null,null]]}""",
            """{"partial":[[1,2],[3,null]]}""", """{"matrix":[[1,2],[3,4]]}"""];
        for (int element = 1; element <= 4; element++)
        {
            string output = Lib.Output("matrix/compose_matrix", element.ToString(System.Globalization.CultureInfo.InvariantCulture), partial);
            Assert.Equal(expected[element - 1], output);
            partial = output[(output.IndexOf(':') + 1)..^1];
        }
    }

    [Theory]
    [InlineData("[]", """{"matrix":[]}""")]
    [InlineData("[[5]]", """{"matrix":[[5]]}""")]
    public void Compose_matrix_of_a_full_matrix_emits_it(string partial, string output) =>
        Assert.Equal(output, Lib.Output("matrix/compose_matrix", "9", partial));

    [Theory]
    [InlineData("7")]
    [InlineData("[1,2]")]
    public void Compose_matrix_needs_a_matrix(string partial) => Lib.Error("matrix/compose_matrix", "1", partial);

    [Theory]
    [InlineData("[[1,2],[3,4]]", "2", """{"matrix":[[1,2],[1,2],[3,4],[3,4]],"row_indexes":[0,0,1,1]}""")]
    [InlineData("[[1,2]]", "0", """{"matrix":[],"row_indexes":[]}""")]
    [InlineData("[]", "3", """{"matrix":[],"row_indexes":[]}""")]
    public void Duplicate_rows_repeats_each_row(string matrix, string factor, string output) =>
        Assert.Equal(output, Lib.Output("matrix/duplicate_rows", matrix, factor));

    [Theory]
    [InlineData("5", "2")]
    [InlineData("[[1]]", "1.5")]
    [InlineData("[[1]]", "9223372036854775807")]
    public void Duplicate_rows_rejects_bad_input(string matrix, string factor) => Lib.Error("matrix/duplicate_rows", matrix, factor);

    [Theory]
    [InlineData("[1,2]", "0", "[3,4]", "1", """{"a_b_index":[0,1],"product":11}""")]
    [InlineData("[1,2,3]", "0", "[4,5]", "0", """{"a_b_index":[0,0],"product":14}""")]
    [InlineData("[1,2.5]", "\"x\"", "[3,4]", "-1", """{"a_b_index":[null,null],"product":3}""")]
    [InlineData("[]", "0", "[]", "0", """{"a_b_index":[0,0],"product":0}""")]
    public void Multiply_row_gives_the_dot_product(string a, string aIndex, string b, string bIndex, string output) =>
        Assert.Equal(output, Lib.Output("matrix/multiply_row", a, aIndex, b, bIndex));

    [Theory]
    [InlineData("[9223372036854775807,1]", "[2,0]")]
    [InlineData("1", "[2]")]
    [InlineData("[1]", "null")]
    public void Multiply_row_rejects_overflow_and_non_arrays(string a, string b) => Lib.Error("matrix/multiply_row", a, "0", b, "0");

    [Theory]
    [InlineData("[[1,2,3],[4,5,6]]", """{"column_indexes":[0,1,2],"matrix":[[1,4],[2,5],[3,6]]}""")]
    [InlineData("[[1]]", """{"column_indexes":[0],"matrix":[[1]]}""")]
    [InlineData("[[]]", """{"column_indexes":[],"matrix":[]}""")]
    [InlineData("[]", """{"column_indexes":[],"matrix":[]}""")]
    public void Transpose_swaps_rows_and_columns(string matrix, string output) =>
        Assert.Equal(output, Lib.Output("matrix/transpose", matrix));

    [Theory]
    [InlineData("[[1,2],[3]]")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void Transpose_rejects_ragged_or_non_matrices(string matrix) => Lib.Error("matrix/transpose", matrix);
}
