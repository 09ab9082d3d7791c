// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>The first byte of an encoded value (PROTOCOL.md, "Values").</summary>
internal enum ValueTag : byte
{
    Null = 0,
    False = 1,
    True = 2,
    /// <summary>u64 as a varint.</summary>
    PositiveInteger = 3,
    /// <summary>i64 &lt; 0, as the varint of its bitwise complement (≥ 0).</summary>
    NegativeInteger = 4,
    /// <summary>f64, 8 bytes little-endian, finite.</summary>
    Float = 5,
    /// <summary>varint byte length, UTF-8 bytes.</summary>
    String = 6,
    /// <summary>varint count, then the items.</summary>
    Array = 7,
    /// <summary>varint count, then (string name, value) pairs in ascending UTF-8 order of names, unique.</summary>
    Object = 8,
}
