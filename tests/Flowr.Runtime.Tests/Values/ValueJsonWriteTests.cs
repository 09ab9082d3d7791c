// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class ValueJsonWriteTests
{
    [Fact]
    public void Compact_text_has_no_spaces_and_sorted_members()
    {
        var value = Value.FromObject([
            new("b", Value.FromArray([1L, 2.5, "x", Value.Null, Value.True, Value.False, -7L])),
            new("a", Value.FromObject(ValueObject.Empty)),
            new("c", Value.FromArray([])),
        ]);
        Assert.Equal("{\"a\":{},\"b\":[1,2.5,\"x\",null,true,false,-7],\"c\":[]}", ValueJson.ToCompactString(value));
    }

    [Fact]
    public void Integers_print_in_plain_decimal()
    {
        Assert.Equal("18446744073709551615", ValueJson.ToCompactString(Value.FromUInt64(ulong.MaxValue)));
        Assert.Equal("-9223372036854775808", ValueJson.ToCompactString(Value.FromInt64(long.MinValue)));
        Assert.Equal("0", ValueJson.ToCompactString(Value.FromInt64(0)));
        Assert.Equal("1e16", ValueJson.ToCompactString(Value.FromDouble(1e16)));
    }

    [Fact]
    public void Control_characters_use_serde_json_escapes()
    {
        var text = new StringBuilder();
        for (char c = '\0'; c < ' '; c++) text.Append(c);
        string expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\"";
        Assert.Equal(expected, ValueJson.ToCompactString(Value.FromString(text.ToString())));
    }

    [Fact]
    public void Quotes_and_backslashes_are_escaped_and_everything_else_is_raw_utf8()
    {
        string text = "\"\\/\u007F é€😀 <>&'";
        var buffer = new ArrayBufferWriter<byte>();
        ValueJson.WriteCompact(Value.FromString(text), buffer);
        byte[] expected = Encoding.UTF8.GetBytes("\"\\\"\\\\/\u007F é€😀 <>&'\"");
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal("\"\\\"\\\\/\u007F é€😀 <>&'\"", ValueJson.ToCompactString(Value.FromString(text)));
    }

    [Fact]
    public void Object_keys_are_escaped_too()
    {
        var value = Value.FromObject([new("a\"\n", 1L)]);
        Assert.Equal("{\"a\\\"\\n\":1}", value.ToString());
    }

    [Fact]
    public void Long_strings_with_pairs_across_chunk_boundaries_transcode_exactly()
    {
        for (int prefix = 2045; prefix <= 2049; prefix++)
        {
            string text = new string('a', prefix) + "😀" + new string('é', 3000) + "\n" + new string('€', 2500) + "😀";
            var buffer = new ArrayBufferWriter<byte>(16);
            ValueJson.WriteCompact(Value.FromString(text), buffer);
            string escaped = text.Replace("\n", "\\n", StringComparison.Ordinal);
            Assert.Equal(Encoding.UTF8.GetBytes("\"" + escaped + "\""), buffer.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character()
    {
        Assert.Equal("\"a\uFFFDb\"", ValueJson.ToCompactString(Value.FromString("a\uD800b")));
    }

    [Fact]
    public void Pretty_text_follows_serde_json_pretty_formatter()
    {
        var value = ValueJson.Parse("{\"b\":[1,{\"c\":\"d\"},[]],\"a\":{},\"e\":{\"f\":null}}");
        const string expected = """
            {
              "a": {},
              "b": [
                1,
                {
                  "c": "d"
                },
                []
              ],
              "e": {
                "f": null
              }
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), ValueJson.ToPrettyString(value));
        Assert.Equal("[]", ValueJson.ToPrettyString(Value.FromArray([])));
        Assert.Equal("\"x\"", ValueJson.ToPrettyString(Value.FromString("x")));
        var buffer = new ArrayBufferWriter<byte>();
        ValueJson.WritePretty(value, buffer);
        Assert.Equal(ValueJson.ToPrettyString(value), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("-12345", "-12345")]
    [InlineData("2.0", "2.0")]
    [InlineData("1.5e16", "1.5e16")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    public void Numbers_format_into_a_span(string json, string expected)
    {
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        Assert.True(ValueJson.TryFormatNumber(ValueJson.Parse(json), buffer, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
        Assert.False(ValueJson.TryFormatNumber(ValueJson.Parse(json), buffer[..2], out _));
    }

    [Fact]
    public void Only_numbers_format_as_numbers_and_scalars_as_scalars()
    {
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        Assert.False(ValueJson.TryFormatNumber(Value.FromString("1"), buffer, out _));
        Assert.False(ValueJson.TryFormatNumber(Value.Null, buffer, out _));
        Assert.True(ValueJson.TryFormatScalar(Value.True, buffer, out int written));
        Assert.Equal("true", Encoding.UTF8.GetString(buffer[..written]));
        Assert.False(ValueJson.TryFormatScalar(Value.FromArray([]), buffer, out _));
    }

    [Fact]
    public void Number_formatting_does_not_allocate()
    {
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        Value[] values = [Value.FromInt64(-5), Value.FromUInt64(ulong.MaxValue), Value.FromDouble(0.1), Value.FromDouble(1.5e300)];
        foreach (var v in values) ValueJson.TryFormatNumber(v, buffer, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) ValueJson.TryFormatNumber(values[i % values.Length], buffer, out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
