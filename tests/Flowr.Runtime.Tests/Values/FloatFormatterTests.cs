// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class FloatFormatterTests
{
    [Theory]
    // The examples of docs/values.md.
    [InlineData(2.0, "2.0")]
    [InlineData(10.0, "10.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1.5, "1.5")]
    [InlineData(15.811388300841896, "15.811388300841896")]
    [InlineData(0.001234, "0.001234")]
    [InlineData(0.00001, "0.00001")]
    [InlineData(1e16, "1e16")]
    [InlineData(1.5e16, "1.5e16")]
    [InlineData(1e-6, "1e-6")]
    [InlineData(1.234e-7, "1.234e-7")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    // kk = 16: the last integral layout.
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(1234567890123456.7, "1234567890123456.8")]
    // kk = 17: scientific.
    [InlineData(12345678901234568.0, "1.2345678901234568e16")]
    [InlineData(12345678901234560.0, "1.234567890123456e16")]
    [InlineData(123456789012345680.0, "1.2345678901234568e17")]
    // kk = -4 is the last "0.0000…" layout, kk = -5 is scientific.
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.000012, "0.000012")]
    [InlineData(0.0000123456789, "0.0000123456789")]
    [InlineData(0.0000012, "1.2e-6")]
    [InlineData(0.000001234, "1.234e-6")]
    // Extremes.
    [InlineData(5e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e308")]
    [InlineData(-1.7976931348623157e308, "-1.7976931348623157e308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    // Ordinary values.
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(123.456, "123.456")]
    [InlineData(-100.0, "-100.0")]
    [InlineData(1e21, "1e21")]
    [InlineData(1e100, "1e100")]
    [InlineData(1.0e-10, "1e-10")]
    [InlineData(6.02214076e23, "6.02214076e23")]
    [InlineData(3.141592653589793, "3.141592653589793")]
    [InlineData(0.5, "0.5")]
    public void Formats_like_serde_json(double value, string expected)
    {
        Assert.Equal(expected, FloatFormatter.ToString(value));
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        Assert.True(FloatFormatter.TryFormat(value, buffer, out int written));
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer[..written]));
    }

    [Fact]
    public void Short_destination_and_non_finite_values_are_refused()
    {
        Span<byte> small = stackalloc byte[3];
        Assert.False(FloatFormatter.TryFormat(1.5e16, small, out _));
        Assert.True(FloatFormatter.TryFormat(1.5, small, out int written));
        Assert.Equal(3, written);
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        Assert.False(FloatFormatter.TryFormat(double.NaN, buffer, out _));
        Assert.False(FloatFormatter.TryFormat(double.PositiveInfinity, buffer, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => FloatFormatter.ToString(double.NegativeInfinity));
    }

    [Fact]
    public void Random_doubles_round_trip_and_follow_the_layout()
    {
        var random = new Random(20231127);
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 200_000; i++)
        {
            random.NextBytes(bits);
            double value = BitConverter.ToDouble(bits);
            if (i % 4 == 0) value = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-8, 20)), random.Next(0, 6));
            if (!double.IsFinite(value)) continue;
            string text = FloatFormatter.ToString(value);
            double back = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
            AssertLayout(value, text);
        }
    }

    // The layout rules of §5, checked independently of the formatter's code path.
    private static void AssertLayout(double value, string text)
    {
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('E', text);
        double magnitude = Math.Abs(value);
        bool scientific = text.Contains('e');
        if (magnitude >= 1e16 || (magnitude < 1e-5 && magnitude != 0))
        {
            Assert.True(scientific, text);
            string mantissa = text.TrimStart('-').Split('e')[0];
            Assert.NotEqual('0', mantissa[0]);
            Assert.True(mantissa.Length == 1 || mantissa[1] == '.', text);
            Assert.False(mantissa.EndsWith('0') && mantissa.Contains('.'), text);
        }
        else
        {
            Assert.False(scientific, text);
            Assert.Contains('.', text);
        }
    }

    [Fact]
    public void Formatting_into_a_span_does_not_allocate()
    {
        Span<byte> buffer = stackalloc byte[FloatFormatter.MaxLength];
        FloatFormatter.TryFormat(15.811388300841896, buffer, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) FloatFormatter.TryFormat(i * 1.1e-3, buffer, out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
