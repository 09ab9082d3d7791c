// Copyright (c) flowr contributors. MIT licence.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// How many bytes a value takes in the protocol's encoding (<see cref="ValueCodec"/>), counted without
/// writing it, so an executor can refuse to send a result over its largest value size before it builds
/// the frame. Allocates nothing; stops counting as soon as the limit is passed.
/// </summary>
public static class ValueSize
{
    // A tag and a varint of at most 10 bytes: no scalar is larger.
    private const int MaxScalarBytes = 11;

    /// <summary>True when <paramref name="value"/> encodes to more than <paramref name="max"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Exceeds(in Value value, long max) =>
        value.Kind < ValueKind.String ? MaxScalarBytes > max && Count(value, max) > max : Count(value, max) > max;

    /// <summary>
    /// The encoded size of <paramref name="value"/> when it is at most <paramref name="stopAbove"/>;
    /// otherwise some number over <paramref name="stopAbove"/> (counting stops there).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Count(in Value value, long stopAbove)
    {
        switch (value.Kind)
        {
            case ValueKind.Null or ValueKind.Boolean:
                return 1;
            case ValueKind.PositiveInteger:
                value.TryGetUInt64(out ulong unsigned);
                return 1 + VarIntSize(unsigned);
            case ValueKind.NegativeInteger:
                value.TryGetInt64(out long signed);
                return 1 + VarIntSize((ulong)~signed);
            case ValueKind.Float:
                return 9;
            case ValueKind.String:
                return 1 + StringSize(value.AsString, stopAbove);
            case ValueKind.Array:
            {
                var items = value.ArrayItems;
                long total = 1 + VarIntSize((ulong)items.Length);
                foreach (ref readonly Value item in items)
                {
                    if (total > stopAbove) break;
                    total += Count(item, stopAbove - total);
                }
                return total;
            }
            default:
            {
                var members = value.AsObject!.Members;
                long total = 1 + VarIntSize((ulong)members.Length);
                foreach (var member in members)
                {
                    if (total > stopAbove) break;
                    total += StringSize(member.Key, stopAbove - total);
                    total += Count(member.Value, stopAbove - total);
                }
                return total;
            }
        }
    }

    // Varint length prefix and UTF-8 bytes (at least one per UTF-16 unit: a long string is over at once).
    private static long StringSize(string text, long stopAbove)
    {
        if (text.Length > stopAbove) return (long)text.Length + 1;
        int bytes = Encoding.UTF8.GetByteCount(text);
        return VarIntSize((ulong)bytes) + bytes;
    }

    private static int VarIntSize(ulong value) => BitOperations.Log2(value) / 7 + 1;
}
