// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class ValueTextTests
{
    [Fact]
    public void ToString_is_compact_json()
    {
        Assert.Equal("\"a\\\"b\"", Value.FromString("a\"b").ToString());
        Assert.Equal("[1,2.0,\"x\"]", Value.FromArray([1L, 2.0, "x"]).ToString());
        Assert.Equal("null", Value.Null.ToString());
        Assert.Equal("-0.0", Value.FromDouble(-0.0).ToString());
    }

    [Fact]
    public void Display_prints_strings_raw_and_everything_else_as_json()
    {
        Assert.Equal("a\"b\n", Value.FromString("a\"b\n").ToDisplayString());
        Assert.Equal("", Value.FromString("").ToDisplayString());
        Assert.Equal("[\"a\",\"b\"]", Value.FromArray(["a", "b"]).ToDisplayString());
        Assert.Equal("{\"k\":\"v\"}", Value.FromObject([new("k", "v")]).ToDisplayString());
        Assert.Equal("55", Value.FromInt64(55).ToDisplayString());
        Assert.Equal("1.5", Value.FromDouble(1.5).ToDisplayString());
        Assert.Equal("true", Value.True.ToDisplayString());
        Assert.Equal("null", Value.Null.ToDisplayString());
    }

    [Fact]
    public void Parse_reads_json_text()
    {
        Assert.Equal(Value.FromArray([1L, "two"]), Value.Parse("[1, \"two\"]"));
        Assert.Throws<FormatException>(() => Value.Parse("[1,"));
    }
}
