// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/info</c>: describes a value as <c>type</c>, <c>rows</c>, <c>columns</c>. Scalars are 1×1, a
/// string 1×(UTF-8 length), null 0×0, an array of arrays rows×(length of the first row), another
/// array 1×length, an object (members)×2. The type names nested arrays by their first element
/// (<c>array/array/number</c>) and objects by their first member (<c>object/number</c>).
/// Project choice (upstream panics): an empty array is <c>array/</c>, 0×0.
/// </summary>
internal sealed class Info : IFunctionImplementation
{
    public static readonly Info Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value value = inputs[0];
        (long rows, long columns) = value.Kind switch
        {
            ValueKind.Null => (0L, 0L),
            ValueKind.String => (1L, Encoding.UTF8.GetByteCount(value.AsString)),
            ValueKind.Array when value.ArrayLength == 0 => (0L, 0L),
            ValueKind.Array when value.ArrayItems[0].IsArray => (value.ArrayLength, value.ArrayItems[0].ArrayLength),
            ValueKind.Array => (1L, value.ArrayLength),
            ValueKind.Object => (value.AsObject!.Count, 2L),
            _ => (1L, 1L),
        };
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("columns", Value.FromInt64(columns)),
            LibValues.Member("rows", Value.FromInt64(rows)),
            LibValues.Member("type", Value.FromString(TypeName(value)))));
    }

    internal static string TypeName(in Value value)
    {
        var name = new StringBuilder();
        Value current = value;
        while (true)
        {
            switch (current.Kind)
            {
                case ValueKind.Array:
                    name.Append("array/");
                    if (current.ArrayLength == 0) return name.ToString();
                    current = current.ArrayItems[0];
                    continue;
                case ValueKind.Object:
                    name.Append("object/");
                    var members = current.AsObject!.Members;
                    if (members.Length == 0) return name.Append("Unknown").ToString();
                    current = members[0].Value;
                    continue;
                case ValueKind.String: return name.Append("string").ToString();
                case ValueKind.Boolean: return name.Append("boolean").ToString();
                case ValueKind.Null: return name.Append("null").ToString();
                default: return name.Append("number").ToString();
            }
        }
    }
}
