// Copyright (c) flowr contributors. MIT licence.
using System.Collections.Concurrent;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// External WebAssembly libraries on the library search path, laid out as upstream flow does: a library
/// directory <c>&lt;search dir&gt;/&lt;name&gt;</c> holds a <c>manifest.json</c> whose <c>locators</c> map
/// <c>lib://name/path</c> to a module file relative to that manifest.
/// </summary>
public static class WasmLibraries
{
    private const string LibraryScheme = "lib://";
    private const string ManifestFile = "manifest.json";
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>?> s_locators = new(StringComparer.Ordinal);

    /// <summary>
    /// Finds the module file of <paramref name="location"/> (<c>lib://name/path</c>) in the first
    /// library directory on <paramref name="searchPath"/> whose manifest lists it.
    /// </summary>
    /// <exception cref="WasmException">A library manifest exists but cannot be read.</exception>
    public static bool TryFindModule(string location, IEnumerable<string> searchPath, [NotNullWhen(true)] out string? modulePath)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(searchPath);
        modulePath = null;
        if (!location.StartsWith(LibraryScheme, StringComparison.Ordinal)) return false;
        int slash = location.IndexOf('/', LibraryScheme.Length);
        if (slash <= LibraryScheme.Length) return false;
        string library = location[LibraryScheme.Length..slash];
        foreach (string entry in searchPath)
        {
            string directory = Path.Combine(StripFileScheme(entry), library);
            var locators = Locators(Path.Combine(directory, ManifestFile));
            if (locators is null) continue;
            if (locators.TryGetValue(location, out string? relative) || locators.TryGetValue(Doubled(location), out relative))
            {
                modulePath = Path.GetFullPath(Path.Combine(directory, relative));
                return true;
            }
        }
        return false;
    }

    // The manifest's locators, or null when there is no manifest.
    private static IReadOnlyDictionary<string, string>? Locators(string manifestPath) =>
        s_locators.GetOrAdd(manifestPath, static path =>
        {
            if (!File.Exists(path)) return null;
            Value manifest;
            try
            {
                manifest = ValueJson.Parse(File.ReadAllBytes(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                throw new WasmException($"cannot read the library manifest '{path}': {e.Message}", e);
            }
            var locators = new Dictionary<string, string>(StringComparer.Ordinal);
            if (manifest.AsObject is { } root && root.TryGetValue("locators", out Value map) && map.AsObject is { } entries)
            {
                foreach (var (url, target) in entries.Members)
                {
                    // Upstream writes either a plain path or {"RelativePath": "..."}-style objects.
                    if (target.TryGetString(out string? relative)) locators[url] = relative;
                    else if (target.AsObject is { Count: 1 } single && single.Members[0].Value.TryGetString(out relative)) locators[url] = relative;
                }
            }
            return locators;
        });

    // lib://l/a/b and lib://l/a/b/b name the same function: a function may be named by its directory alone.
    private static string Doubled(string location)
    {
        int last = location.LastIndexOf('/');
        return location + location[last..];
    }

    private static string StripFileScheme(string entry) =>
        entry.StartsWith("file://", StringComparison.Ordinal) ? entry["file://".Length..] : entry;
}
