// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Protocol;
using Flowr.Runtime.Values;

namespace Flowr.Distributed.Tests.Protocol;

/// <summary>The encoded size of a value, counted without writing it, against what the codec writes.</summary>
public sealed class ValueSizeTests
{
    private static int Encoded(Value value)
    {
        using var buffer = new FrameBuffer(16);
        var writer = new ProtocolWriter(buffer);
        ValueCodec.Write(ref writer, value);
        return buffer.Length;
    }

    [Theory]
    [MemberData(nameof(ValueCodecTests.Values), MemberType = typeof(ValueCodecTests))]
    [InlineData("[\"" + "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé" + "\"]")]
    [InlineData("{\"" + "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" + "\":[1,2,3]}")]
    public void The_count_is_the_number_of_bytes_the_codec_writes(string json)
    {
        Value value = Value.Parse(json);
        int size = Encoded(value);

        Assert.Equal(size, ValueSize.Count(value, long.MaxValue));
        Assert.False(ValueSize.Exceeds(value, size));
        Assert.True(ValueSize.Exceeds(value, size - 1));
    }

    [Fact]
    public void Counting_stops_soon_after_the_limit_in_a_huge_value()
    {
        var item = Value.FromString(new string('x', 1000));
        var huge = Value.FromArray(Enumerable.Repeat(item, 100_000).ToArray());

        long counted = ValueSize.Count(huge, 10_000);

        Assert.InRange(counted, 10_001, 20_000);
        // Tag, 3-byte count, then 100,000 times tag, 2-byte length and 1,000 bytes.
        Assert.Equal(100_300_004, ValueSize.Count(huge, long.MaxValue));
        Assert.False(ValueSize.Exceeds(huge, 100_300_004));
        Assert.True(ValueSize.Exceeds(huge, 100_300_003));
    }
}
