// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Loading;

/// <summary>Why a reference did not resolve: what was looked for, where, and what is close.</summary>
internal static class ResolutionFailure
{
    private const string RootFileName = "root.toml";

    /// <summary>A path on disk (absolute) that gave no definition.</summary>
    public static string File(string fullPath)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        string display = DefinitionResolver.DisplayPath(trimmed);
        string name = Path.GetFileName(trimmed);
        if (Directory.Exists(trimmed))
        {
            return $"the directory '{display}' has no {RootFileName} (nor {name}{DefinitionPaths.DefinitionExtension})";
        }
        string? parent = Path.GetDirectoryName(trimmed);
        if (parent is null || !Directory.Exists(parent))
        {
            return $"the directory '{(parent is null ? display : DefinitionResolver.DisplayPath(parent))}' does not exist";
        }
        string tried = name.EndsWith(DefinitionPaths.DefinitionExtension, StringComparison.Ordinal) ? "" : $" (nor '{display}{DefinitionPaths.DefinitionExtension}')";
        return $"there is no file or directory '{display}'{tried}" + Suggestions.DidYouMean(name, Siblings(parent));
    }

    // The names a reference could have meant: the directories and definition files next to it.
    private static IEnumerable<string> Siblings(string directory)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(directory)
                .Select(entry => Path.GetFileName(entry))
                .Select(entry => entry.EndsWith(DefinitionPaths.DefinitionExtension, StringComparison.Ordinal) ? entry[..^DefinitionPaths.DefinitionExtension.Length] : entry)
                .Take(10_000)
                .ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>A path missing from a built-in tree (flowstdlib, context): the closest definition there.</summary>
    public static string InTree(string reason, IDefinitionTree tree, string path, string scheme)
    {
        if (!DefinitionPaths.TryNormalizeTreePath(path, out var normalized)) return reason;
        var names = tree.DefinitionPaths().Select(DefinitionResolver.CanonicalPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return reason;
        string wanted = DefinitionResolver.CanonicalPath(normalized);
        // What is next to it: the definitions in the same folder, else the folders at the top.
        string folder = DefinitionPaths.TreeDirectory(wanted);
        var here = names.Where(name => DefinitionPaths.TreeDirectory(name) == folder).Select(name => name[(folder.Length == 0 ? 0 : folder.Length + 1)..]).ToList();
        string listing = here.Count > 0
            ? Suggestions.Listing(here, folder.Length == 0 ? "there is" : $"{scheme}{folder}/ has")
            : Suggestions.Listing(names.Select(name => name.Split('/')[0]), $"{scheme} has");
        string close = Suggestions.Closest(wanted, names) is { } found ? $" (did you mean '{scheme}{found}'?)" : "";
        return reason + listing + close;
    }

    /// <summary>A <c>lib://</c> reference outside flowstdlib: the search path, each entry with where it came from.</summary>
    public static string Library(string library, string path, IReadOnlyList<string> searchPath, List<DirectoryDefinitionTree> found)
    {
        if (found.Count > 0)
        {
            return $"library '{library}' has no '{path}' (searched {string.Join(", ", found.Select(tree => DefinitionResolver.DisplayPath(tree.Root)))})";
        }
        if (searchPath.Count == 0)
        {
            return $"library '{library}' was not found: the library search path is empty ({CompilerOptions.SearchPathSources})";
        }
        var places = searchPath.Select(directory => $"{directory} ({CompilerOptions.SearchPathOrigin(directory)})");
        return $"library '{library}' is in none of the directories of the library search path: {string.Join(", ", places)}";
    }
}
