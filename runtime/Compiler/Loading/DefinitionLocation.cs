// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Loading;

/// <summary>Where a definition comes from.</summary>
internal enum LocationKind : byte
{
    /// <summary>A file on disk next to the flow: its functions are provided (WebAssembly).</summary>
    File,
    /// <summary>A <c>lib://</c> definition.</summary>
    Library,
    /// <summary>A <c>context://</c> definition.</summary>
    Context,
}

/// <summary>A resolved definition file.</summary>
internal sealed class DefinitionLocation
{
    private string? _key;
    private string? _directoryKey;

    public required LocationKind Kind { get; init; }

    /// <summary>The tree holding a library or context definition; null for a file on disk.</summary>
    public IDefinitionTree? Tree { get; init; }

    /// <summary>The library name (URL host) of a library definition.</summary>
    public string Library { get; init; } = "";

    /// <summary>The absolute file path on disk, or the '/'-separated path inside <see cref="Tree"/>.</summary>
    public required string Path { get; init; }

    /// <summary>The reference as a URL: <c>lib://flowstdlib/math/add</c>, <c>context://stdio/stdout</c>, <c>file:///…</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The resolved file as a URL (debug information).</summary>
    public required string ResolvedUrl { get; init; }

    /// <summary>The file as shown in messages.</summary>
    public required string Display { get; init; }

    /// <summary>Written by the user rather than taken from a library or the context: its notices are warnings.</summary>
    public bool IsUsers => Kind == LocationKind.File;

    /// <summary>Identifies the file: equal keys are the same definition.</summary>
    public string Key => _key ??= Kind == LocationKind.File ? Path : $"{(int)Kind}|{Library}|{Path}";

    /// <summary>Identifies the directory the definition is in: references written in it resolve alike.</summary>
    public string DirectoryKey => _directoryKey ??= Tree is null
        ? System.IO.Path.GetDirectoryName(Path)!
        : $"{(int)Kind}|{Library}|{DefinitionPaths.TreeDirectory(Path)}";

    public string ReadText() => Tree is null ? DefinitionFile.ReadAllText(Path) : Tree.ReadText(Path);
}
