// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// The compact binary encoding of a <see cref="Value"/> (PROTOCOL.md, "Values"). Null, booleans and
/// numbers are written and read without allocating.
/// </summary>
public static class ValueCodec
{
    public static void Write(ref ProtocolWriter writer, in Value value) => Write(ref writer, value, 0);

    /// <summary>Reads one value; malformed or over-deep input throws <see cref="ProtocolException"/>.</summary>
    public static Value Read(ref ProtocolReader reader) => Read(ref reader, 0);

    private static void Write(ref ProtocolWriter writer, in Value value, int depth)
    {
        switch (value.Kind)
        {
            case ValueKind.Null:
                writer.WriteByte((byte)ValueTag.Null);
                break;
            case ValueKind.Boolean:
                value.TryGetBoolean(out bool flag);
                writer.WriteByte((byte)(flag ? ValueTag.True : ValueTag.False));
                break;
            case ValueKind.PositiveInteger:
                value.TryGetUInt64(out ulong unsigned);
                writer.WriteByte((byte)ValueTag.PositiveInteger);
                writer.WriteVarUInt(unsigned);
                break;
            case ValueKind.NegativeInteger:
                value.TryGetInt64(out long signed);
                writer.WriteByte((byte)ValueTag.NegativeInteger);
                writer.WriteVarUInt((ulong)~signed);
                break;
            case ValueKind.Float:
                value.TryGetDouble(out double number);
                writer.WriteByte((byte)ValueTag.Float);
                writer.WriteUInt64Fixed(BitConverter.DoubleToUInt64Bits(number));
                break;
            default:
                WriteReference(ref writer, value, depth);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteReference(ref ProtocolWriter writer, in Value value, int depth)
    {
        if (depth >= ProtocolConstants.MaxValueDepth) throw new ProtocolException($"value nested deeper than {ProtocolConstants.MaxValueDepth}");
        switch (value.Kind)
        {
            case ValueKind.String:
                writer.WriteByte((byte)ValueTag.String);
                writer.WriteString(value.AsString);
                break;
            case ValueKind.Array:
                var items = value.ArrayItems;
                writer.WriteByte((byte)ValueTag.Array);
                writer.WriteVarUInt((ulong)items.Length);
                foreach (ref readonly Value item in items) Write(ref writer, item, depth + 1);
                break;
            default:
                var members = value.AsObject!.Members;
                writer.WriteByte((byte)ValueTag.Object);
                writer.WriteVarUInt((ulong)members.Length);
                foreach (var member in members)
                {
                    writer.WriteString(member.Key);
                    Write(ref writer, member.Value, depth + 1);
                }
                break;
        }
    }

    private static Value Read(ref ProtocolReader reader, int depth)
    {
        var tag = (ValueTag)reader.ReadByte();
        switch (tag)
        {
            case ValueTag.Null:
                return Value.Null;
            case ValueTag.False:
                return Value.False;
            case ValueTag.True:
                return Value.True;
            case ValueTag.PositiveInteger:
                return Value.FromUInt64(reader.ReadVarUInt());
            case ValueTag.NegativeInteger:
                ulong complement = reader.ReadVarUInt();
                if (complement > long.MaxValue) ProtocolThrow.Malformed("negative integer out of range");
                return Value.FromInt64(~(long)complement);
            case ValueTag.Float:
                double number = BitConverter.UInt64BitsToDouble(reader.ReadUInt64Fixed());
                if (!double.IsFinite(number)) ProtocolThrow.Malformed("non-finite float");
                return Value.FromDouble(number);
            default:
                return ReadReference(ref reader, tag, depth);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Value ReadReference(ref ProtocolReader reader, ValueTag tag, int depth)
    {
        if (depth >= ProtocolConstants.MaxValueDepth) ProtocolThrow.Malformed($"value nested deeper than {ProtocolConstants.MaxValueDepth}");
        switch (tag)
        {
            case ValueTag.String:
                return Value.FromString(reader.ReadString());
            case ValueTag.Array:
            {
                // Every item takes at least one byte: a count over the bytes left is a lie.
                int count = reader.ReadLength(reader.Remaining);
                if (count == 0) return Value.FromArray([]);
                var items = new Value[count];
                for (int i = 0; i < count; i++) items[i] = Read(ref reader, depth + 1);
                return Value.FromArray(items);
            }
            case ValueTag.Object:
            {
                int count = reader.ReadLength(reader.Remaining / 2);
                if (count == 0) return Value.FromObject(ValueObject.Empty);
                var members = new KeyValuePair<string, Value>[count];
                for (int i = 0; i < count; i++)
                {
                    string name = reader.ReadString();
                    if (i > 0 && Utf8Order.Compare(members[i - 1].Key, name) >= 0) ProtocolThrow.Malformed("object names not in ascending order");
                    members[i] = new(name, Read(ref reader, depth + 1));
                }
                return Value.FromObject(ValueObject.FromSorted(members));
            }
            default:
                ProtocolThrow.Malformed($"unknown value tag {(byte)tag}");
                return default;
        }
    }
}
