// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Library;

/// <summary>
/// The built-in flowstdlib (README.md): native implementations of every library function,
/// looked up by their <c>lib://flowstdlib/…</c> location. Their definitions are compiled in
/// (<see cref="FlowStdLibDefinitions"/>, paths <c>&lt;module&gt;/&lt;name&gt;.toml</c>). Implementations are stateless singletons and
/// safe to call from any thread.
/// </summary>
public static class FlowStdLib
{
    /// <summary>The library name, the host of its <c>lib://</c> URLs.</summary>
    public const string Name = "flowstdlib";

    /// <summary>The start of every flowstdlib implementation URL: <c>lib://flowstdlib/</c>.</summary>
    public const string UrlPrefix = "lib://" + Name + "/";

    /// <summary>The canonical location of every function, e.g. <c>lib://flowstdlib/math/add</c>: each definition that has an implementation.</summary>
    public static IReadOnlyCollection<string> FunctionLocations =>
        Array.AsReadOnly(FlowStdLibDefinitions.Paths
            .Select(path => path[..^".toml".Length])
            .Where(path => LibraryFunctions.Find(path) is not null)
            .Select(path => UrlPrefix + path)
            .ToArray());

    /// <summary>
    /// Finds the implementation of <paramref name="location"/>: <c>lib://flowstdlib/math/add</c>, or
    /// the spelling with the last segment doubled that some upstream manifests use
    /// (<c>lib://flowstdlib/math/add/add</c>, §1.2).
    /// </summary>
    public static bool TryGetImplementation(string location, [NotNullWhen(true)] out IFunctionImplementation? implementation)
    {
        implementation = null;
        if (!TryGetFunction(location, out var function)) return false;
        implementation = function.Implementation;
        return true;
    }

    /// <summary>The number of inputs of the function at <paramref name="location"/>, as its definition declares.</summary>
    internal static bool TryGetInputCount(string location, out int inputCount)
    {
        inputCount = 0;
        if (!TryGetFunction(location, out var function)) return false;
        inputCount = function.InputCount;
        return true;
    }

    private static bool TryGetFunction(string? location, [NotNullWhen(true)] out LibraryFunction? function)
    {
        function = null;
        if (location is null || !location.StartsWith(UrlPrefix, StringComparison.Ordinal)) return false;
        string path = location[UrlPrefix.Length..].TrimEnd('/');
        function = LibraryFunctions.Find(path);
        if (function is not null) return true;

        // "module/name/name" is the same function as "module/name".
        int slash = path.LastIndexOf('/');
        if (slash <= 0) return false;
        string parent = path[..slash];
        if (!parent.EndsWith("/" + path[(slash + 1)..], StringComparison.Ordinal)) return false;
        function = LibraryFunctions.Find(parent);
        return function is not null;
    }
}
