// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Tests.Library;

/// <summary>The library flows (math/sequence, math/range, control/index_f, matrix/multiply), compiled and run.</summary>
public sealed class LibraryFlowTests
{
    // NOTE: test flows keep each array of tables ([[process]], [[connection]]) contiguous.
    private static string SequenceFlow(string start, string limit, string step, string output = "number") => $$"""
        flow = "sequence_test"

        [[process]]
        source = "lib://flowstdlib/math/sequence"
        input.start = { once = {{start}} }
        input.limit = { once = {{limit}} }
        input.step = { once = {{step}} }

        [[process]]
        source = "context://stdio/stdout"

        [[process]]
        source = "lib://flowstdlib/control/join"
        input.data = { once = "Sequence done" }

        [[connection]]
        from = "sequence/{{output}}"
        to = "stdout"

        [[connection]]
        from = "sequence/last"
        to = ["join/control", "stdout"]

        [[connection]]
        from = "join"
        to = "stdout"
        """;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 3)]
    [InlineData(8, 4)]
    public void Sequence_example_prints_2_to_98_then_done(int inFlight, int seed)
    {
        var printed = LibraryFlowRunner.Run(SequenceFlow("2", "100", "3"), inFlight, seed);
        var numbers = Enumerable.Range(0, 33).Select(i => (2 + 3 * i).ToString(CultureInfo.InvariantCulture)).ToList();
        // "last" is printed, then "Sequence done"; both come after every number.
        Assert.Equal([.. numbers, "98", "Sequence done"], printed);
    }

    [Fact]
    public void Sequence_reaching_its_limit_exactly_ends_with_the_limit()
    {
        Assert.Equal(["1", "2", "3", "4", "5", "5", "Sequence done"], LibraryFlowRunner.Run(SequenceFlow("1", "5", "1")));
    }

    [Fact]
    public void Sequence_of_one_number()
    {
        Assert.Equal(["7", "7", "Sequence done"], LibraryFlowRunner.Run(SequenceFlow("7", "7", "1")));
    }

    [Fact]
    public void Sequence_older_output_name_sequence_works_too()
    {
        Assert.Equal(["0", "5", "10", "10", "Sequence done"], LibraryFlowRunner.Run(SequenceFlow("0", "12", "5", output: "sequence")));
    }

    [Fact]
    public void Sequence_of_floats()
    {
        Assert.Equal(["0.5", "1.0", "1.5", "1.5", "Sequence done"], LibraryFlowRunner.Run(SequenceFlow("0.5", "1.7", "0.5")));
    }

    [Fact]
    public void Sequence_starting_beyond_its_limit_emits_no_number_and_start_as_last()
    {
        Assert.Equal(["9", "Sequence done"], LibraryFlowRunner.Run(SequenceFlow("9", "3", "1")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Sequence_of_sequences_restarts_the_inner_sequence(int inFlight)
    {
        // Upstream's flowr/examples/sequence-of-sequences/root.toml, with the processes first.
        const string flow = """
            flow = "sequence-of-sequences"

            [[process]]
            alias = "limit-sequence"
            source = "lib://flowstdlib/math/sequence"
            input.start = {once =  1}
            input.limit = {once =  9}
            input.step = {once =  1}

            [[process]]
            alias = "sequence-of-sequences"
            source = "lib://flowstdlib/math/sequence"
            input.start = {always =  0}

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "limit-sequence/sequence"
            to = ["sequence-of-sequences/step", "sequence-of-sequences/limit"]

            [[connection]]
            from = "sequence-of-sequences/sequence"
            to = "stdout"
            """;
        var expected = Enumerable.Range(1, 9).SelectMany(n => new[] { "0", n.ToString(CultureInfo.InvariantCulture) }).ToList();
        Assert.Equal(expected, LibraryFlowRunner.Run(flow, inFlight));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Range_emits_every_integer_once(int inFlight)
    {
        const string flow = """
            flow = "range_test"

            [[process]]
            source = "lib://flowstdlib/math/range"
            input.range = { once = [1, 10] }

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "range/number"
            to = "stdout"
            """;
        var printed = LibraryFlowRunner.Run(flow, inFlight).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(1, 10), printed);
    }

    [Theory]
    [InlineData("0", "10")]
    [InlineData("2", "12")]
    [InlineData("-1", "13")]
    public void Index_f_selects_from_a_stream(string select, string expected)
    {
        string flow = $$"""
            flow = "index_test"

            [[process]]
            source = "lib://flowstdlib/control/index_f"
            input.select_index = { always = {{select}} }

            [[process]]
            alias = "values"
            source = "lib://flowstdlib/math/sequence"
            input.start = { once = 10 }
            input.limit = { once = 13 }
            input.step = { once = 1 }

            # TOML has no null: to_json makes one, which "end" sends once the sequence is over.
            [[process]]
            alias = "null"
            source = "lib://flowstdlib/fmt/to_json"
            input.default = { once = "null" }

            [[process]]
            alias = "end"
            source = "lib://flowstdlib/control/join"

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "values/number"
            to = "index_f/value"

            [[connection]]
            from = "values/last"
            to = "end/control"

            [[connection]]
            from = "null"
            to = "end/data"

            [[connection]]
            from = "end"
            to = "index_f/value"

            [[connection]]
            from = "index_f/selected_value"
            to = "stdout"
            """;
        Assert.Equal([expected], LibraryFlowRunner.Run(flow));
    }

    [Theory]
    [InlineData("[[1,2],[3,4]]", "[[5,6],[7,8]]", "[[19,22],[43,50]]", 1)]
    [InlineData("[[1,2],[3,4]]", "[[5,6],[7,8]]", "[[19,22],[43,50]]", 4)]
    [InlineData("[[1,2,3]]", "[[1],[2],[3]]", "[[14]]", 1)]
    [InlineData("[[1],[2]]", "[[3,4,5]]", "[[3,4,5],[6,8,10]]", 1)]
    public void Matrix_multiply_multiplies(string a, string b, string product, int inFlight)
    {
        string flow = $$"""
            flow = "matrix_multiply_test"

            [[process]]
            source = "lib://flowstdlib/matrix/multiply"
            input.a = { once = {{a}} }
            input.b = { once = {{b}} }

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "multiply/product"
            to = "stdout"
            """;
        Assert.Equal([product], LibraryFlowRunner.Run(flow, inFlight));
    }

    [Theory]
    [InlineData("count")]        // upstream's word-count and running-average: the only output
    [InlineData("count/count")]  // as a source the output wins over the input
    public void Count_loops_back_its_count_output(string source)
    {
        string flow = $$"""
            flow = "count_test"

            [[process]]
            alias = "words"
            source = "lib://flowstdlib/data/ordered_split"
            input.string = { once = "a b c" }
            input.separator = { once = " " }

            [[process]]
            alias = "serialize"
            source = "lib://flowstdlib/fmt/reverse"

            [[process]]
            source = "lib://flowstdlib/data/count"
            input.count = { once = 0 }

            [[process]]
            source = "context://stdio/stdout"

            [[connection]]
            from = "words"
            to = "serialize"

            [[connection]]
            from = "serialize/reversed"
            to = "count/data"

            [[connection]]
            from = "{{source}}"
            to = ["count/count", "stdout"]
            """;
        Assert.Equal(["1", "2", "3"], LibraryFlowRunner.Run(flow));
    }
}
