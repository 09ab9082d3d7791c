// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler;

/// <summary>
/// A tree of definition files addressed by '/'-separated paths relative to its root: the built-in
/// flowstdlib and context definitions (compiled into the program) or a library directory on disk.
/// </summary>
public interface IDefinitionTree
{
    /// <summary>
    /// Resolves <paramref name="path"/> inside the tree: a directory D gives D/root.toml, else
    /// D/&lt;last segment&gt;.toml; else the file itself; else the path with ".toml" appended.
    /// <paramref name="resolvedPath"/> is '/'-separated and relative to the tree's root (the compiler
    /// resolves relative references next to it).
    /// </summary>
    bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath);

    /// <summary>The text of a file returned by <see cref="TryResolve"/>.</summary>
    string ReadText(string resolvedPath);

    /// <summary>
    /// The definition files in the tree ('/'-separated, with ".toml"), when the tree can list them
    /// cheaply; used to suggest a name when a reference does not resolve.
    /// </summary>
    IEnumerable<string> DefinitionPaths() => [];
}
