// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Values;

/// <summary>The kind of a flow value. Numbers follow serde_json: non-negative integers are u64,
/// negative integers i64, everything with a fraction or exponent f64.</summary>
public enum ValueKind : byte
{
    /// <summary>JSON null; also what <c>default(Value)</c> is.</summary>
    Null = 0,
    Boolean,
    /// <summary>An integer ≥ 0, stored as u64.</summary>
    PositiveInteger,
    /// <summary>An integer &lt; 0, stored as i64.</summary>
    NegativeInteger,
    Float,
    String,
    Array,
    Object,
}
