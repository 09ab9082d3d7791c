// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Model.Manifest;

/// <summary>Typed access to the members of a parsed manifest; every failure names the manifest and the field.</summary>
internal readonly struct ManifestFields(string manifestPath)
{
    public string ManifestPath { get; } = manifestPath;

    public ManifestException Error(string field, string problem) => new(ManifestPath, field, problem);

    public ValueObject Object(in Value value, string field) =>
        value.AsObject ?? throw Error(field, $"expected an object, found {Describe(value)}");

    public ReadOnlySpan<Value> Array(in Value value, string field) =>
        value.IsArray ? value.ArrayItems : throw Error(field, $"expected an array, found {Describe(value)}");

    public bool TryGet(ValueObject obj, string name, out Value value) => obj.TryGetValue(name, out value) && !value.IsNull;

    public Value Required(ValueObject obj, string name, string field) =>
        TryGet(obj, name, out var value) ? value : throw Error(field, "missing");

    public string String(ValueObject obj, string name, string field, string fallback = "")
    {
        if (!TryGet(obj, name, out var value)) return fallback;
        return value.TryGetString(out string? text) ? text : throw Error(field, $"expected a string, found {Describe(value)}");
    }

    public string RequiredString(ValueObject obj, string name, string field)
    {
        var value = Required(obj, name, field);
        return value.TryGetString(out string? text) ? text : throw Error(field, $"expected a string, found {Describe(value)}");
    }

    public bool Boolean(ValueObject obj, string name, string field)
    {
        if (!TryGet(obj, name, out var value)) return false;
        return value.TryGetBoolean(out bool flag) ? flag : throw Error(field, $"expected a boolean, found {Describe(value)}");
    }

    /// <summary>A non-negative integer that fits an int.</summary>
    public int Index(in Value value, string field)
    {
        if (value.TryGetUInt64(out ulong number) && number <= int.MaxValue) return (int)number;
        throw Error(field, $"expected a non-negative integer, found {Describe(value)}");
    }

    public int RequiredIndex(ValueObject obj, string name, string field) => Index(Required(obj, name, field), field);

    public int OptionalIndex(ValueObject obj, string name, string field) =>
        TryGet(obj, name, out var value) ? Index(value, field) : 0;

    public IReadOnlyList<string> Strings(ValueObject obj, string name, string field)
    {
        if (!TryGet(obj, name, out var value)) return [];
        var items = Array(value, field);
        var result = new string[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            result[i] = items[i].TryGetString(out string? text) ? text : throw Error($"{field}[{i}]", $"expected a string, found {Describe(items[i])}");
        }
        return result;
    }

    public static string Describe(in Value value) => value.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => $"boolean {value}",
        ValueKind.PositiveInteger or ValueKind.NegativeInteger or ValueKind.Float => $"number {value}",
        ValueKind.String => $"string {value}",
        ValueKind.Array => "an array",
        _ => "an object",
    };
}
