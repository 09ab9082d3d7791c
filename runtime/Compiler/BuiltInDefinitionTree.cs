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
    private readonly Dictionary<string, int> _files;
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    /// <summary>A tree named <paramref name="root"/> over the files at <paramref name="paths"/>.</summary>
    public BuiltInDefinitionTree(string root, IReadOnlyList<string> paths, Utf8Text text)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(text);
        Root = root.TrimEnd('/');
        _text = text;
        _files = new Dictionary<string, int>(paths.Count, StringComparer.Ordinal);
        for (int index = 0; index < paths.Count; index++)
        {
            string path = paths[index];
            _files.Add(path, index);
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                _directories.Add(path[..slash]);
            }
        }
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
        return Loading.DefinitionPaths.TryResolve(normalized, '/', _files.ContainsKey, _directories.Contains, out resolvedPath);
    }

    /// <inheritdoc/>
    public IEnumerable<string> DefinitionPaths() => _files.Keys;

    /// <inheritdoc/>
    public string ReadText(string resolvedPath) =>
        _files.TryGetValue(resolvedPath, out int index)
            ? Encoding.UTF8.GetString(_text(index))
            : throw new FileNotFoundException($"No built-in definition '{Root}/{resolvedPath}'");
}
