// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Tests.Values;

public class ValueJsonPropertyTests
{
    [Fact]
    public void Compact_write_then_parse_gives_an_equal_value()
    {
        var random = new Random(42);
        for (int i = 0; i < 3000; i++)
        {
            var value = RandomValue(random, depth: 0);
            string text = ValueJson.ToCompactString(value);
            var parsed = ValueJson.Parse(text);
            Assert.Equal(value, parsed);
            Assert.True(SameBits(value, parsed), text);
            Assert.Equal(text, ValueJson.ToCompactString(parsed));

            var buffer = new ArrayBufferWriter<byte>();
            ValueJson.WriteCompact(value, buffer);
            Assert.Equal(Encoding.UTF8.GetBytes(text), buffer.WrittenSpan.ToArray());
            Assert.Equal(value, ValueJson.Parse(buffer.WrittenSpan));
            Assert.Equal(value, ValueJson.Parse(ValueJson.ToPrettyString(value)));
        }
    }

    // Equality treats 0.0 and -0.0 as equal; the text must keep the sign too.
    private static bool SameBits(in Value a, in Value b)
    {
        if (a.Kind != b.Kind) return false;
        switch (a.Kind)
        {
            case ValueKind.Float:
                a.TryGetDouble(out double x);
                b.TryGetDouble(out double y);
                return BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);
            case ValueKind.Array:
                for (int i = 0; i < a.ArrayLength; i++)
                {
                    if (!SameBits(a.ArrayItems[i], b.ArrayItems[i])) return false;
                }
                return true;
            case ValueKind.Object:
                var left = a.AsObject!.Members;
                var right = b.AsObject!.Members;
                for (int i = 0; i < left.Length; i++)
                {
                    if (!SameBits(left[i].Value, right[i].Value)) return false;
                }
                return true;
            default:
                return a.Equals(b);
        }
    }

    private static Value RandomValue(Random random, int depth)
    {
        int kind = random.Next(depth > 4 ? 6 : 8);
        switch (kind)
        {
            case 0: return Value.Null;
            case 1: return Value.FromBoolean(random.Next(2) == 0);
            case 2: return Value.FromUInt64((ulong)random.NextInt64() * (ulong)random.Next(1, 3));
            case 3: return Value.FromInt64(-random.NextInt64(1, long.MaxValue) - random.Next(2));
            case 4: return Value.FromDouble(RandomDouble(random));
            case 5: return Value.FromString(RandomString(random));
            case 6:
                var items = new Value[random.Next(6)];
                for (int i = 0; i < items.Length; i++) items[i] = RandomValue(random, depth + 1);
                return Value.FromArray(items);
            default:
                var members = new KeyValuePair<string, Value>[random.Next(6)];
                for (int i = 0; i < members.Length; i++) members[i] = new(RandomString(random), RandomValue(random, depth + 1));
                return Value.FromObject(members);
        }
    }

    private static double RandomDouble(Random random)
    {
        switch (random.Next(4))
        {
            case 0: return random.Next(2) == 0 ? 0.0 : -0.0;
            case 1: return random.Next(-1000, 1000) / 8.0;
            default:
                double value;
                do value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
                while (!double.IsFinite(value));
                return value;
        }
    }

    private static string RandomString(Random random)
    {
        const string pieces = "ab\"\\/\u0000\u001f\u007f\b\f\n\r\té€\uFB01 ";
        var text = new StringBuilder();
        int length = random.Next(8);
        for (int i = 0; i < length; i++)
        {
            if (random.Next(8) == 0) text.Append("😀");
            else text.Append(pieces[random.Next(pieces.Length)]);
        }
        return text.ToString();
    }
}
