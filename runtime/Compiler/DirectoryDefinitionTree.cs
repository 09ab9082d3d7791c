// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// A library root on disk: paths are '/'-separated and relative to <see cref="Root"/>. A resolved
/// path is also relative to the root.
/// </summary>
public sealed class DirectoryDefinitionTree : IDefinitionTree
{
    /// <summary>Creates a tree over the directory <paramref name="root"/>.</summary>
    public DirectoryDefinitionTree(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The absolute path of the tree's root directory.</summary>
    public string Root { get; }

    /// <inheritdoc/>
    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath)
    {
        resolvedPath = null;
        if (!DefinitionPaths.TryNormalizeTreePath(path, out var normalized) || normalized.Length == 0) return false;
        return DefinitionPaths.TryResolve(normalized, '/', p => DefinitionPaths.ProbeDisk(FullPath(p)), out resolvedPath);
    }

    /// <inheritdoc/>
    public string ReadText(string resolvedPath) => DefinitionFile.ReadAllText(FullPath(resolvedPath));

    /// <summary>The absolute file-system path of a path inside the tree.</summary>
    public string FullPath(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
