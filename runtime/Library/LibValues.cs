// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library;

/// <summary>Small helpers shared by the flowstdlib implementations.</summary>
internal static class LibValues
{
    /// <summary>
    /// An object value. Call sites pass constant names already in ascending UTF-8 order, which
    /// skips the sort of <see cref="ValueObject.Create"/>; anything else is sorted.
    /// </summary>
    public static Value Object(params KeyValuePair<string, Value>[] members)
    {
        for (int i = 1; i < members.Length; i++)
        {
            if (Utf8Order.Compare(members[i - 1].Key, members[i].Key) >= 0) return Value.FromObject(ValueObject.Create(members));
        }
        return Value.FromObject(ValueObject.FromSorted(members));
    }

    /// <summary>A one-member object.</summary>
    public static Value Object(string name, Value value) => Value.FromObject(ValueObject.FromSorted([new(name, value)]));

    public static KeyValuePair<string, Value> Member(string name, Value value) => new(name, value);

    /// <summary>
    /// HEAD's <c>flowcore::numeric_json</c>: a float with no fraction whose magnitude is below 2^63
    /// becomes an integer (so <c>sin(0)</c> gives <c>0</c>); other finite floats stay floats.
    /// </summary>
    public static Value NumericJson(double value)
    {
        if (double.IsFinite(value) && value == double.Truncate(value) && double.Abs(value) < 9.2233720368547758E18)
        {
            return Value.FromInt64((long)value);
        }
        return Value.FromDouble(value);
    }

    /// <summary>
    /// Orders two numbers by value: integers exactly (a negative i64 below any u64), anything
    /// involving a float as f64. Both values must be numbers.
    /// </summary>
    public static int CompareNumbers(in Value left, in Value right)
    {
        bool leftInteger = left.Kind != ValueKind.Float, rightInteger = right.Kind != ValueKind.Float;
        if (leftInteger && rightInteger)
        {
            bool leftNegative = left.Kind == ValueKind.NegativeInteger, rightNegative = right.Kind == ValueKind.NegativeInteger;
            if (leftNegative != rightNegative) return leftNegative ? -1 : 1;
            if (leftNegative)
            {
                left.TryGetInt64(out long a);
                right.TryGetInt64(out long b);
                return a.CompareTo(b);
            }
            left.TryGetUInt64(out ulong x);
            right.TryGetUInt64(out ulong y);
            return x.CompareTo(y);
        }
        left.TryGetDouble(out double l);
        right.TryGetDouble(out double r);
        return l.CompareTo(r);
    }
}
