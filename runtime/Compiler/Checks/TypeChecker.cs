// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;

namespace Flowr.Runtime.Compiler.Checks;

/// <summary>
/// Type compatibility of connections: generic types (and arrays of generic) go anywhere; otherwise
/// the array orders may differ by at most two (the runtime splits arrays or wraps scalars) and the
/// types must agree once the extra levels are removed.
/// </summary>
internal static class TypeChecker
{
    private const int MaximumOrderDifference = 2;

    /// <summary>
    /// The source type after a sub-route: each segment removes one leading array level; a generic
    /// type stays generic and selecting into an object gives its member type (generic for "object"). Null with
    /// <paramref name="error"/> when the sub-route is deeper than the type.
    /// </summary>
    public static DataType? ApplySubroute(DataType type, string subroute, out string? error)
    {
        error = null;
        if (subroute.Length == 0) return type;
        var current = type;
        // NOTE: a sub-route is a JSON Pointer: it starts with '/' and each token selects one level.
        foreach (string _ in subroute[1..].Split('/'))
        {
            if (current.IsGeneric) continue;
            if (current.IsArray)
            {
                current = current.ElementType;
            }
            else if (current.IsObject)
            {
                current = current.MemberType;
            }
            else
            {
                error = $"Depth of subroute '{subroute}' is greater than the depth of the type '{type}'";
                return null;
            }
        }
        return current;
    }

    /// <summary>Null when <paramref name="source"/> can go to <paramref name="destination"/>, else the error message.</summary>
    public static string? Check(DataType source, DataType destination)
    {
        if (source.IsGenericOrGenericArray || destination.IsGenericOrGenericArray) return null;
        int difference = source.ArrayOrder - destination.ArrayOrder;
        if (Math.Abs(difference) > MaximumOrderDifference)
        {
            return "Cannot encapsulate/serialize arrays with a order difference of more than two";
        }
        bool compatible = difference switch
        {
            0 => source == destination,
            > 0 => Check(Strip(source, difference), destination) is null,
            _ => Check(source, Strip(destination, -difference)) is null,
        };
        return compatible ? null : $"The types '{source}' and '{destination}' are incompatible";
    }

    private static DataType Strip(DataType type, int levels)
    {
        for (int i = 0; i < levels; i++) type = type.ElementType;
        return type;
    }
}
