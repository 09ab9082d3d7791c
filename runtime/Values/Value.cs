// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;

namespace Flowr.Runtime.Values;

/// <summary>
/// A flow value: a JSON value with serde_json's semantics. Null, booleans and numbers live inside
/// the struct (no heap allocation); strings, arrays and objects hold one reference.
/// Arrays and objects are immutable by convention: never change an array after wrapping it.
/// </summary>
public readonly partial struct Value : IEquatable<Value>
{
    // NOTE: _ref is a string, a Value[] or a ValueObject according to Kind; _bits holds the
    // boolean (0/1), the u64, the i64 or the f64 bit pattern.
    private readonly object? _ref;
    private readonly ulong _bits;

    /// <summary>What kind of value this is.</summary>
    public readonly ValueKind Kind;

    private Value(ValueKind kind, ulong bits, object? reference)
    {
        Kind = kind;
        _bits = bits;
        _ref = reference;
    }

    /// <summary>JSON null.</summary>
    public static Value Null => default;
    /// <summary>JSON true.</summary>
    public static Value True => new(ValueKind.Boolean, 1, null);
    /// <summary>JSON false.</summary>
    public static Value False => new(ValueKind.Boolean, 0, null);

    /// <summary>A boolean value.</summary>
    public static Value FromBoolean(bool value) => new(ValueKind.Boolean, value ? 1UL : 0UL, null);

    /// <summary>An integer; non-negative values are stored as u64, as serde_json does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromInt64(long value) =>
        value >= 0 ? new(ValueKind.PositiveInteger, (ulong)value, null) : new(ValueKind.NegativeInteger, (ulong)value, null);

    /// <summary>A non-negative integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromUInt64(ulong value) => new(ValueKind.PositiveInteger, value, null);

    /// <summary>A float; a non-finite value cannot be a JSON number and becomes null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Value FromDouble(double value) =>
        double.IsFinite(value) ? new(ValueKind.Float, BitConverter.DoubleToUInt64Bits(value), null) : default;

    /// <summary>A string value.</summary>
    public static Value FromString(string value) => new(ValueKind.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>An array value that takes ownership of <paramref name="items"/>.</summary>
    public static Value FromArray(Value[] items) => new(ValueKind.Array, 0, items ?? throw new ArgumentNullException(nameof(items)));

    /// <summary>An object value.</summary>
    public static Value FromObject(ValueObject members) => new(ValueKind.Object, 0, members ?? throw new ArgumentNullException(nameof(members)));

    /// <summary>An object value from name/value pairs (sorted; a repeated name keeps the last value).</summary>
    public static Value FromObject(params ReadOnlySpan<KeyValuePair<string, Value>> members) => FromObject(ValueObject.Create(members));

    public bool IsNull => Kind == ValueKind.Null;
    public bool IsBoolean => Kind == ValueKind.Boolean;
    public bool IsNumber => Kind is ValueKind.PositiveInteger or ValueKind.NegativeInteger or ValueKind.Float;
    public bool IsString => Kind == ValueKind.String;
    public bool IsArray => Kind == ValueKind.Array;
    public bool IsObject => Kind == ValueKind.Object;

    /// <summary>serde_json's <c>is_i64</c>: a negative integer, or a non-negative one ≤ 2^63−1.</summary>
    public bool IsI64 => Kind == ValueKind.NegativeInteger || (Kind == ValueKind.PositiveInteger && _bits <= long.MaxValue);
    /// <summary>serde_json's <c>is_u64</c>: a non-negative integer.</summary>
    public bool IsU64 => Kind == ValueKind.PositiveInteger;
    /// <summary>serde_json's <c>is_f64</c>: a float.</summary>
    public bool IsF64 => Kind == ValueKind.Float;

    /// <summary>The boolean, when this is one.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = _bits != 0;
        return Kind == ValueKind.Boolean;
    }

    /// <summary>The integer as i64, when <see cref="IsI64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetInt64(out long value)
    {
        value = (long)_bits;
        return IsI64;
    }

    /// <summary>The integer as u64, when <see cref="IsU64"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetUInt64(out ulong value)
    {
        value = _bits;
        return Kind == ValueKind.PositiveInteger;
    }

    /// <summary>serde_json's <c>as_f64</c>: any number converted to f64.</summary>
    public bool TryGetDouble(out double value)
    {
        switch (Kind)
        {
            case ValueKind.PositiveInteger: value = _bits; return true;
            case ValueKind.NegativeInteger: value = (long)_bits; return true;
            case ValueKind.Float: value = BitConverter.UInt64BitsToDouble(_bits); return true;
            default: value = 0; return false;
        }
    }

    /// <summary>The string, when this is one.</summary>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = _ref as string;
        return Kind == ValueKind.String;
    }

    /// <summary>The string, or throws when this is not a string.</summary>
    public string AsString => Kind == ValueKind.String ? (string)_ref! : throw WrongKind(ValueKind.String);

    /// <summary>The array's items (empty when not an array).</summary>
    public ReadOnlySpan<Value> ArrayItems => Kind == ValueKind.Array ? (Value[])_ref! : default;

    /// <summary>The number of items of an array, 0 otherwise.</summary>
    public int ArrayLength => Kind == ValueKind.Array ? ((Value[])_ref!).Length : 0;

    /// <summary>The object's members, or null when not an object.</summary>
    public ValueObject? AsObject => _ref as ValueObject;

    /// <summary>The array depth of this value, as the runtime sees it when sending to an input:
    /// 0 for a non-array, 1 for <c>[]</c>, else 1 + the order of the first element.</summary>
    public int ArrayOrder
    {
        get
        {
            int order = 0;
            Value current = this;
            while (current.Kind == ValueKind.Array)
            {
                order++;
                var items = (Value[])current._ref!;
                if (items.Length == 0) break;
                current = items[0];
            }
            return order;
        }
    }

    // Raw access for the formatter and codecs in this assembly.
    internal ulong RawBits => _bits;
    internal object? RawReference => _ref;

    /// <summary>serde_json equality: kinds must match (1 != 1.0); floats compare as f64.</summary>
    public bool Equals(Value other)
    {
        if (Kind != other.Kind) return false;
        switch (Kind)
        {
            case ValueKind.Null: return true;
            case ValueKind.Boolean:
            case ValueKind.PositiveInteger:
            case ValueKind.NegativeInteger: return _bits == other._bits;
            case ValueKind.Float: return BitConverter.UInt64BitsToDouble(_bits) == BitConverter.UInt64BitsToDouble(other._bits);
            case ValueKind.String: return string.Equals((string)_ref!, (string)other._ref!, StringComparison.Ordinal);
            case ValueKind.Array: return ((Value[])_ref!).AsSpan().SequenceEqual(((Value[])other._ref!).AsSpan());
            default: return ((ValueObject)_ref!).Equals((ValueObject)other._ref!);
        }
    }

    public override bool Equals(object? obj) => obj is Value other && Equals(other);

    public override int GetHashCode()
    {
        switch (Kind)
        {
            case ValueKind.Float:
                double d = BitConverter.UInt64BitsToDouble(_bits);
                return HashCode.Combine(Kind, d == 0 ? 0.0 : d);
            case ValueKind.String: return HashCode.Combine(Kind, ((string)_ref!).GetHashCode());
            case ValueKind.Array:
                var hash = new HashCode();
                hash.Add(Kind);
                foreach (var item in (Value[])_ref!) hash.Add(item);
                return hash.ToHashCode();
            case ValueKind.Object: return HashCode.Combine(Kind, ((ValueObject)_ref!).GetHashCode());
            default: return HashCode.Combine(Kind, _bits);
        }
    }

    public static bool operator ==(Value left, Value right) => left.Equals(right);
    public static bool operator !=(Value left, Value right) => !left.Equals(right);

    public static implicit operator Value(long value) => FromInt64(value);
    public static implicit operator Value(double value) => FromDouble(value);
    public static implicit operator Value(bool value) => FromBoolean(value);
    public static implicit operator Value(string value) => FromString(value);

    private InvalidOperationException WrongKind(ValueKind wanted) => new($"expected a {wanted} value, found {Kind}");
}
