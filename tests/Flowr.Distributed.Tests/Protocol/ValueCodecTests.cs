// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.Protocol;

public sealed class ValueCodecTests
{
    public static TheoryData<string> Values() =>
    [
        "null", "true", "false", "0", "1", "127", "128", "18446744073709551615", "-1", "-9223372036854775808",
        "1.5", "-0.0", "1e300", "\"\"", "\"héllo ✓\"", "[]", "[1,[2,[3,null]],\"x\"]", "{}",
        "{\"a\":1,\"b\":[true,{\"c\":-2.25}],\"é\":\"z\"}",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_kind_of_value_round_trips_with_its_kind(string json)
    {
        Value value = Value.Parse(json);
        using var buffer = new FrameBuffer(16);
        var writer = new ProtocolWriter(buffer);
        ValueCodec.Write(ref writer, value);

        var reader = new ProtocolReader(buffer.WrittenSpan);
        Value read = ValueCodec.Read(ref reader);

        Assert.True(reader.IsAtEnd);
        Assert.Equal(value, read);
        Assert.Equal(value.Kind, read.Kind);
        Assert.Equal(value.ToString(), read.ToString());
    }

    [Fact]
    public void Small_integers_take_two_bytes()
    {
        using var buffer = new FrameBuffer();
        var writer = new ProtocolWriter(buffer);
        ValueCodec.Write(ref writer, Value.FromInt64(42));
        Assert.Equal(new byte[] { 3, 42 }, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 99 }, "unknown value tag")]
    [InlineData(new byte[] { 3, 0x80 }, "ends inside")]
    [InlineData(new byte[] { 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "overflows")]
    [InlineData(new byte[] { 4, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "out of range")]
    [InlineData(new byte[] { 5, 0, 0, 0, 0, 0, 0, 0xF0, 0x7F }, "non-finite")]
    [InlineData(new byte[] { 6, 5, (byte)'a' }, "5 bytes, 1 left")]
    [InlineData(new byte[] { 6, 2, 0xC3, 0x28 }, "not UTF-8")]
    [InlineData(new byte[] { 7, 200, 0 }, "over")]
    [InlineData(new byte[] { 8, 2, 1, (byte)'b', 0, 1, (byte)'a', 0 }, "ascending")]
    [InlineData(new byte[] { 8, 2, 1, (byte)'a', 0, 1, (byte)'a', 0 }, "ascending")]
    public void Malformed_values_throw_a_protocol_exception(byte[] bytes, string reason)
    {
        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new ProtocolReader(bytes);
            ValueCodec.Read(ref reader);
        });
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_nested_deeper_than_the_limit_are_malformed()
    {
        var bytes = new byte[ProtocolConstants.MaxValueDepth * 2 + 2];
        for (int i = 0; i < bytes.Length - 1; i += 2)
        {
            bytes[i] = 7;
            bytes[i + 1] = 1;
        }
        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new ProtocolReader(bytes);
            ValueCodec.Read(ref reader);
        });
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
    }
}
