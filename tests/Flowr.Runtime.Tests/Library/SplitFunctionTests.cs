// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Library.Data;

namespace Flowr.Runtime.Tests.Library;

public sealed class SplitFunctionTests
{
    // The cases of upstream's split tests: input → (partials, token).
    [Theory]
    [InlineData("", null, null)]
    [InlineData(" ", null, null)]
    [InlineData("   ", null, null)]
    [InlineData("a", null, "a")]
    [InlineData(" a ", null, "a")]
    [InlineData("aa ", null, "aa")]
    [InlineData("text", null, "text")]
    [InlineData(" text ", null, "text")]
    [InlineData("some text", "some|text", null)]
    [InlineData(" some text ", "some|text", null)]
    [InlineData("the quick brown fox jumped over the lazy dog", "the quick brown fox jumped|over the lazy dog", null)]
    [InlineData("the quick brown fox jumped-over-the-lazy-dog", "the quick brown fox", "jumped-over-the-lazy-dog")]
    [InlineData("the-quick-brown-fox-jumped-over-the-lazy-dog", null, "the-quick-brown-fox-jumped-over-the-lazy-dog")]
    [InlineData("ab c", "ab|c", null)]
    [InlineData("a bcd", "a", "bcd")]
    public void Split_text_follows_upstream(string input, string? partials, string? token)
    {
        Split.SplitText(input, " ", out var partial, out var actualToken);
        Assert.Equal(partials, partial is null ? null : string.Join('|', partial));
        Assert.Equal(token, actualToken);
    }

    [Fact]
    public void Split_offsets_are_utf8_bytes()
    {
        // "éé x": 6 bytes, middle 3 is inside "é" (bytes 2,3); the separator is found at byte 4.
        Split.SplitText("éé x", " ", out var partial, out var token);
        Assert.Equal(["éé", "x"], partial!);
        Assert.Null(token);
    }

    [Theory]
    [InlineData("\"the quick brown fox jumped over the lazy dog\"", """{"delta":1,"partial":["the quick brown fox jumped","over the lazy dog"],"token-count":0}""")]
    [InlineData("\"the quick brown fox-jumped-over-the-lazy-dog\"", """{"delta":0,"partial":["the quick brown"],"token":"fox-jumped-over-the-lazy-dog","token-count":1}""")]
    [InlineData("\"the\"", """{"delta":-1,"token":"the","token-count":1}""")]
    [InlineData("\"  \"", """{"delta":-1,"token-count":0}""")]
    public void Split_outputs_partial_token_count_and_delta(string input, string output) =>
        Assert.Equal(output, Lib.Output("data/split", input, "\" \""));

    [Fact]
    public void Split_with_a_multi_byte_or_non_string_separator_never_splits()
    {
        Assert.Equal("""{"delta":-1,"token":"a--b--c","token-count":1}""", Lib.Output("data/split", "\"a--b--c\"", "\"--\""));
        Assert.Equal("""{"delta":-1,"token":"a b c","token-count":1}""", Lib.Output("data/split", "\"a b c\"", "null"));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[\"a b\"]")]
    public void Split_of_a_non_string_gives_no_output(string input) => Lib.NoOutput("data/split", input, "\" \"");

    [Fact]
    public void Recursive_split_yields_every_word()
    {
        var pending = new Stack<string>(["\"the quick brown fox jumped over the lazy dog\""]);
        var words = new List<string>();
        while (pending.TryPop(out var text))
        {
            var output = Runtime.Values.ValueJson.Parse(Lib.Output("data/split", text, "\" \"")).AsObject!;
            if (output.TryGetValue("token", out var token)) words.Add(token.AsString);
            if (output.TryGetValue("partial", out var partial))
            {
                foreach (var part in partial.ArrayItems) pending.Push(part.ToString());
            }
        }
        words.Sort(StringComparer.Ordinal);
        Assert.Equal(["brown", "dog", "fox", "jumped", "lazy", "over", "quick", "the", "the"], words);
    }
}
