// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// Definitions compiled into the program (flowstdlib's, the context functions'): the class that
/// runtime/BuiltInDefinitions.targets writes at build time gives their paths and UTF-8 bytes. A
/// resolved path is relative to the tree's root, e.g. "math/add.toml" in flowstdlib.
/// </summary>
public sealed class BuiltInDefinitionTree : IDefinitionTree
{
    /// <summary>The bytes of the definition at an index of the paths.</summary>
    public delegate ReadOnlySpan<byte> Utf8Text(int index);

    private readonly Utf8Text _text;
    // Sorted (ordinal) by the class that lists them: looked up by binary search, so that making a tree
    // costs nothing at start-up.
    private readonly IReadOnlyList<string> _paths;

    /// <summary>A tree named <paramref name="root"/> over the files at <paramref name="paths"/>, which must be in ordinal order.</summary>
    public BuiltInDefinitionTree(string root, IReadOnlyList<string> paths, Utf8Text text)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(text);
        for (int index = 1; index < paths.Count; index++)
        {
            if (string.CompareOrdinal(paths[index - 1], paths[index]) >= 0) throw new ArgumentException("the paths are not in ordinal order", nameof(paths));
        }
        Root = root.TrimEnd('/');
        _paths = paths;
        _text = text;
    }

    /// <summary>flowstdlib's definitions, the tree behind <c>lib://flowstdlib/</c>.</summary>
    public static BuiltInDefinitionTree StandardLibrary() =>
        new(Library.FlowStdLib.Name, Library.FlowStdLibDefinitions.Paths, Library.FlowStdLibDefinitions.Utf8);

    /// <summary>The tree's name, e.g. "flowstdlib".</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath)
    {
        resolvedPath = null;
        if (!Loading.DefinitionPaths.TryNormalizeTreePath(path, out var normalized) || normalized.Length == 0) return false;
        return Loading.DefinitionPaths.TryResolve(normalized, '/', IsFile, IsDirectory, out resolvedPath);
    }

    /// <inheritdoc/>
    public IEnumerable<string> DefinitionPaths() => _paths;

    /// <inheritdoc/>
    public string ReadText(string resolvedPath)
    {
        int index = Search(resolvedPath);
        return index >= 0
            ? Encoding.UTF8.GetString(_text(index))
            : throw new FileNotFoundException($"No built-in definition '{Root}/{resolvedPath}'");
    }

    private bool IsFile(string path) => Search(path) >= 0;

    // A directory is a proper prefix of some path, up to a '/': the first path after "D/" in order starts with it.
    private bool IsDirectory(string path)
    {
        string prefix = path + "/";
        int index = Search(prefix);
        if (index < 0) index = ~index;
        return index < _paths.Count && _paths[index].StartsWith(prefix, StringComparison.Ordinal);
    }

    // The index of path, or the complement of where it would go.
    private int Search(string path)
    {
        int low = 0, high = _paths.Count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = string.CompareOrdinal(_paths[middle], path);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }
}
