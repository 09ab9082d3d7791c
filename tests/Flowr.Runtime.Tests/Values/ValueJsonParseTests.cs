// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class ValueJsonParseTests
{
    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("42", 42UL)]
    [InlineData("9223372036854775808", 9223372036854775808UL)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Non_negative_integer_literals_are_u64(string text, ulong expected)
    {
        var value = ValueJson.Parse(text);
        Assert.Equal(ValueKind.PositiveInteger, value.Kind);
        Assert.True(value.TryGetUInt64(out ulong parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("-1", -1L)]
    [InlineData("-42", -42L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Negative_integer_literals_are_i64(string text, long expected)
    {
        var value = ValueJson.Parse(text);
        Assert.Equal(ValueKind.NegativeInteger, value.Kind);
        Assert.True(value.TryGetInt64(out long parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("18446744073709551616", 18446744073709551616.0)]
    [InlineData("100000000000000000000000", 1e23)]
    [InlineData("-9223372036854775809", -9223372036854775809.0)]
    [InlineData("-18446744073709551616", -18446744073709551616.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("1e2", 100.0)]
    [InlineData("1E2", 100.0)]
    [InlineData("1e+2", 100.0)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("0.1", 0.1)]
    [InlineData("-2.5", -2.5)]
    [InlineData("1e-400", 0.0)]
    [InlineData("0e99999999999999999999", 0.0)]
    // Correct rounding: hard cases, compared with the compiler's (correctly rounded) literals.
    [InlineData("9007199254740993.0", 9007199254740993.0)]
    [InlineData("2.2250738585072011e-308", 2.2250738585072011e-308)]
    [InlineData("2.4703282292062328e-324", 2.4703282292062328e-324)]
    [InlineData("2.4703282292062327e-324", 2.4703282292062327e-324)]
    [InlineData("1.7976931348623157e308", 1.7976931348623157e308)]
    [InlineData("7.038531e-26", 7.038531e-26)]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("123456789012345678901234567890e-10", 123456789012345678901234567890e-10)]
    public void Other_numbers_are_correctly_rounded_floats(string text, double expected)
    {
        var value = ValueJson.Parse(text);
        Assert.Equal(ValueKind.Float, value.Kind);
        Assert.True(value.TryGetDouble(out double parsed));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(parsed));
    }

    [Fact]
    public void Minus_zero_is_the_float_minus_zero()
    {
        foreach (string text in new[] { "-0", "-0.0", "-0e5" })
        {
            var value = ValueJson.Parse(text);
            Assert.Equal(ValueKind.Float, value.Kind);
            Assert.True(value.TryGetDouble(out double parsed));
            Assert.True(double.IsNegative(parsed), text);
            Assert.Equal(0.0, parsed);
        }
    }

    [Fact]
    public void Literals_strings_and_containers_parse()
    {
        Assert.Equal(Value.Null, ValueJson.Parse("null"));
        Assert.Equal(Value.True, ValueJson.Parse("true"));
        Assert.Equal(Value.False, ValueJson.Parse("false"));
        Assert.Equal(Value.FromString("héllo 😀"), ValueJson.Parse("\"héllo 😀\""));
        Assert.Equal(Value.FromArray([]), ValueJson.Parse("[]"));
        Assert.Equal(Value.FromObject(ValueObject.Empty), ValueJson.Parse("{}"));
        Assert.Equal(Value.FromArray([1L, Value.FromArray([Value.Null]), Value.FromObject([new("a", "b")])]),
            ValueJson.Parse("[1,[null],{\"a\":\"b\"}]"));
    }

    [Fact]
    public void Escapes_decode_including_surrogate_pairs()
    {
        var value = ValueJson.Parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u00E9\\ud83d\\ude00\\u0000x\"");
        Assert.Equal("\"\\/\b\f\n\r\tAéé😀\0x", value.AsString);
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_and_keys_are_sorted()
    {
        var value = ValueJson.Parse("{\"b\":1,\"a\":2,\"b\":3}");
        var members = value.AsObject!.Members.ToArray();
        Assert.Equal(["a", "b"], members.Select(m => m.Key));
        Assert.Equal(Value.FromInt64(3), members[1].Value);
        Assert.Equal("{\"a\":2,\"b\":3}", value.ToString());
    }

    [Fact]
    public void Rfc8259_whitespace_is_allowed_and_nothing_else()
    {
        Assert.Equal(Value.FromArray([1L, 2L]), ValueJson.Parse(" \t\n\r[ 1 ,\r\n2 ]\n"));
        Assert.Equal(Value.FromObject([new("a", 1L)]), ValueJson.Parse("{ \"a\" : 1 }"));
        Assert.False(ValueJson.TryParse("\f1", out _));
        Assert.False(ValueJson.TryParse("\u00A01", out _));
        Assert.False(ValueJson.TryParse("1\u000B", out _));
    }

    [Fact]
    public void Nesting_127_deep_parses_and_128_fails()
    {
        Assert.True(ValueJson.TryParse(new string('[', 127) + new string(']', 127), out var deep));
        Assert.Equal(127, deep.ArrayOrder);
        var error = Assert.Throws<FormatException>(() => ValueJson.Parse(new string('[', 128) + new string(']', 128)));
        Assert.Contains("recursion limit exceeded", error.Message);
        Assert.Contains("byte 127", error.Message);
        string objects = string.Concat(Enumerable.Repeat("{\"a\":", 128)) + "1" + new string('}', 128);
        Assert.False(ValueJson.TryParse(objects, out _));
        Assert.True(ValueJson.TryParse(string.Concat(Enumerable.Repeat("{\"a\":", 127)) + "1" + new string('}', 127), out _));
    }

    [Theory]
    [InlineData("", 0, "EOF while parsing a value")]
    [InlineData("   ", 3, "EOF while parsing a value")]
    [InlineData("01", 1, "invalid number")]
    [InlineData("-01", 2, "invalid number")]
    [InlineData("1.", 2, "EOF while parsing a value")]
    [InlineData("1.e5", 2, "invalid number")]
    [InlineData(".5", 0, "expected value")]
    [InlineData("+1", 0, "expected value")]
    [InlineData("1e", 2, "EOF while parsing a value")]
    [InlineData("1e+", 3, "EOF while parsing a value")]
    [InlineData("-", 1, "EOF while parsing a value")]
    [InlineData("-a", 1, "invalid number")]
    [InlineData("1e400", 0, "number out of range")]
    [InlineData("-1e400", 0, "number out of range")]
    [InlineData("NaN", 0, "expected value")]
    [InlineData("Infinity", 0, "expected value")]
    [InlineData("tru", 3, "EOF while parsing a value")]
    [InlineData("trUe", 2, "expected ident")]
    [InlineData("nul", 3, "EOF while parsing a value")]
    [InlineData("1 2", 2, "trailing characters")]
    [InlineData("[1,]", 3, "trailing comma")]
    [InlineData("{\"a\":1,}", 7, "trailing comma")]
    [InlineData("[1 2]", 3, "expected `,` or `]`")]
    [InlineData("[1", 2, "EOF while parsing a list")]
    [InlineData("[", 1, "EOF while parsing a value")]
    [InlineData("{1:2}", 1, "key must be a string")]
    [InlineData("{\"a\" 1}", 5, "expected `:`")]
    [InlineData("{\"a\":1 \"b\":2}", 7, "expected `,` or `}`")]
    [InlineData("{\"a\":1", 6, "EOF while parsing an object")]
    [InlineData("\"abc", 4, "EOF while parsing a string")]
    [InlineData("\"\\x\"", 2, "invalid escape")]
    [InlineData("\"\\u12G4\"", 5, "invalid escape")]
    [InlineData("\"\\ud800\"", 7, "unexpected end of hex escape")]
    [InlineData("\"\\udc00\"", 1, "lone leading surrogate in hex escape")]
    [InlineData("\"\\ud800\\u0041\"", 7, "lone leading surrogate in hex escape")]
    [InlineData("\"a\u0001\"", 2, "control character (\\u0000-\\u001F) found while parsing a string")]
    [InlineData("\"a\\n\tb\"", 4, "control character (\\u0000-\\u001F) found while parsing a string")]
    [InlineData("\"a\nb\"", 2, "control character (\\u0000-\\u001F) found while parsing a string")]
    public void Malformed_text_is_rejected_with_the_position(string text, int position, string problem)
    {
        Assert.False(ValueJson.TryParse(text, out var value));
        Assert.True(value.IsNull);
        var error = Assert.Throws<FormatException>(() => ValueJson.Parse(text));
        Assert.Equal($"Invalid JSON at byte {position}: {problem}", error.Message);
        Assert.Throws<FormatException>(() => ValueJson.Parse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0x61, 0xC0, 0xAF, 0x22 }, 2)]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0xE2, 0x82, 0x22 }, 1)]
    [InlineData(new byte[] { 0x22, 0x5C, 0x6E, 0x80, 0x22 }, 3)]
    public void Invalid_utf8_is_rejected(byte[] utf8, int position)
    {
        Assert.False(ValueJson.TryParse(utf8, out _));
        var error = Assert.Throws<FormatException>(() => ValueJson.Parse(utf8));
        Assert.Equal($"Invalid JSON at byte {position}: invalid unicode code point", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_in_a_dotnet_string_is_rejected()
    {
        Assert.False(ValueJson.TryParse("\"a\uD800\"", out _));
        var error = Assert.Throws<FormatException>(() => ValueJson.Parse("\"a\uD800\""));
        Assert.Contains("byte 2", error.Message);
        Assert.False(ValueJson.TryParse((string?)null, out _));
    }

    [Fact]
    public void Long_texts_parse_through_the_pooled_path()
    {
        string longString = new string('é', 5000) + "😀" + new string('a', 3000);
        string text = "{\"k\":[" + string.Join(",", Enumerable.Range(0, 2000)) + "],\"s\":\"" + longString + "\\n\"}";
        var value = ValueJson.Parse(text);
        Assert.True(value.AsObject!.TryGetValue("k", out var numbers));
        Assert.Equal(2000, numbers.ArrayLength);
        Assert.Equal(Value.FromInt64(1999), numbers.ArrayItems[1999]);
        Assert.True(value.AsObject!.TryGetValue("s", out var s));
        Assert.Equal(longString + "\n", s.AsString);
    }

    [Fact]
    public void TryParse_never_throws_on_garbage_or_truncated_text()
    {
        var random = new Random(7);
        const string sample = "{\"a\":[1,-2.5e3,\"x\\u00e9\\ud83d\\ude00\",true,null,{\"b\":[]}],\"c\":false}";
        Assert.True(ValueJson.TryParse(sample, out _));
        byte[] bytes = Encoding.UTF8.GetBytes(sample);
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            Assert.False(ValueJson.TryParse(bytes.AsSpan(0, cut), out _));
        }
        var buffer = new byte[64];
        const string alphabet = "{}[],:\"\\u0123456789abcdefeE.+-truenull \n\t";
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(buffer.Length);
            for (int j = 0; j < length; j++)
            {
                buffer[j] = random.Next(4) == 0 ? (byte)random.Next(256) : (byte)alphabet[random.Next(alphabet.Length)];
            }
            ValueJson.TryParse(buffer.AsSpan(0, length), out _);
        }
    }
}
