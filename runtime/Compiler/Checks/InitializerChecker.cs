// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Gathering;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Compiler.Checks;

/// <summary>
/// An initializer's value must be one its input can take: delivered as the runtime delivers values
/// (unchanged at equal array order, split into elements or wrapped at a difference of one or two),
/// every scalar that arrives has to be of the input's type. Otherwise the function would fail at
/// run time on every job ("Could not get …"), so it is a compile error.
/// </summary>
internal static class InitializerChecker
{
    private const int MaximumShown = 40;

    /// <summary>Throws when <paramref name="initializer"/> cannot go to <paramref name="input"/>.</summary>
    public static void Check(InitializerDefinition initializer, IoNode input, string file)
    {
        var value = initializer.Initializer.Value;
        if (Fits(value, input.Type)) return;
        CompileError.Throw(file, initializer.Line,
            $"The initializer of input '{initializer.InputName}' is {Describe(value)}, which cannot go to input '{input.Route}' of type '{TypeName(input.Type)}'");
    }

    /// <summary>Whether <paramref name="value"/>, delivered to an input of <paramref name="type"/>, arrives as that type.</summary>
    public static bool Fits(in Value value, DataType type)
    {
        if (type.IsGeneric) return true;
        int difference = value.ArrayOrder - type.ArrayOrder;
        switch (difference)
        {
            case 0:
                return Matches(value, type);
            case 1:
                return AllMatch(value, type);
            case 2:
                foreach (var row in value.ArrayItems)
                {
                    // Rows that are not arrays are skipped at run time.
                    if (row.Kind == ValueKind.Array && !AllMatch(row, type)) return false;
                }
                return true;
            case -1:
                return Matches(value, type.ElementType);
            case -2:
                return Matches(value, type.ElementType.ElementType);
            default:
                return false;
        }
    }

    // The value as it is, with no conversion, against the type.
    private static bool Matches(in Value value, DataType type)
    {
        if (type.IsGeneric) return true;
        if (type.IsArray)
        {
            return value.Kind == ValueKind.Array && AllMatch(value, type.ElementType);
        }
        if (type.IsObject)
        {
            if (value.AsObject is not { } members) return false;
            var memberType = type.MemberType;
            foreach (var member in members.Members)
            {
                if (!Matches(member.Value, memberType)) return false;
            }
            return true;
        }
        return type.Text switch
        {
            "number" => value.Kind is ValueKind.PositiveInteger or ValueKind.NegativeInteger or ValueKind.Float,
            "string" => value.Kind == ValueKind.String,
            "boolean" => value.Kind == ValueKind.Boolean,
            "null" => value.Kind == ValueKind.Null,
            _ => true,
        };
    }

    private static bool AllMatch(in Value array, DataType type)
    {
        foreach (var item in array.ArrayItems)
        {
            if (!Matches(item, type)) return false;
        }
        return true;
    }

    private static string TypeName(DataType type) => type.Text == "array/" ? "array" : type.Text;

    private static string Describe(in Value value)
    {
        string kind = value.Kind switch
        {
            ValueKind.PositiveInteger or ValueKind.NegativeInteger or ValueKind.Float => "a number",
            ValueKind.String => "a string",
            ValueKind.Boolean => "a boolean",
            ValueKind.Null => "null",
            ValueKind.Array => "an array",
            _ => "an object",
        };
        if (value.Kind == ValueKind.Null) return kind;
        string json = value.ToString();
        if (json.Length > MaximumShown) json = json[..MaximumShown] + "…";
        return $"{kind} ({json})";
    }
}
