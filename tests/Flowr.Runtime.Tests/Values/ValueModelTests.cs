// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class ValueModelTests
{
    [Fact]
    public void Integers_follow_serde_kinds()
    {
        Assert.Equal(ValueKind.PositiveInteger, Value.FromInt64(5).Kind);
        Assert.Equal(ValueKind.NegativeInteger, Value.FromInt64(-5).Kind);
        Assert.True(Value.FromUInt64(ulong.MaxValue).IsU64);
        Assert.False(Value.FromUInt64(ulong.MaxValue).IsI64);
        Assert.True(Value.FromUInt64(long.MaxValue).IsI64);
    }

    [Fact]
    public void An_integer_never_equals_a_float()
    {
        Assert.NotEqual(Value.FromInt64(1), Value.FromDouble(1.0));
        Assert.Equal(Value.FromDouble(0.0), Value.FromDouble(-0.0));
    }

    [Fact]
    public void Non_finite_floats_become_null()
    {
        Assert.True(Value.FromDouble(double.NaN).IsNull);
        Assert.True(Value.FromDouble(double.PositiveInfinity).IsNull);
    }

    [Fact]
    public void Objects_sort_keys_in_utf8_order_and_keep_the_last_duplicate()
    {
        var obj = ValueObject.Create([new("b", 1L), new("a", 2L), new("\uFB01", 3L), new("\U0001F600", 4L), new("b", 5L)]);
        Assert.Equal(["a", "b", "\uFB01", "\U0001F600"], obj.Members.ToArray().Select(m => m.Key));
        Assert.True(obj.TryGetValue("b", out var b));
        Assert.Equal(Value.FromInt64(5), b);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Array_order_follows_the_first_element(int depth)
    {
        Value value = 7L;
        for (int i = 0; i < depth; i++) value = Value.FromArray([value]);
        Assert.Equal(depth, value.ArrayOrder);
        Assert.Equal(1, Value.FromArray([]).ArrayOrder);
    }
}
