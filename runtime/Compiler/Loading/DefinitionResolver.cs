// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Loading;

/// <summary>
/// Resolves references to definition files: relative paths (next to the referencing file),
/// <c>lib://</c> (flowstdlib built in, other libraries on the search path) and <c>context://</c>.
/// </summary>
internal sealed class DefinitionResolver
{
    public const string LibraryScheme = "lib://";
    public const string ContextScheme = "context://";
    private const string FileScheme = "file://";
    private const string StandardLibraryName = "flowstdlib";

    private readonly CompilerOptions _options;
    private readonly Dictionary<string, DirectoryDefinitionTree?> _libraryTrees = new(StringComparer.Ordinal);
    // NOTE: a generated flow references the same few definitions tens of thousands of times; each
    // (directory, reference) pair is resolved once instead of probing the file system every time.
    private readonly Dictionary<(string Directory, string Reference), DefinitionLocation> _resolved = [];

    // The working directory, for paths shown in messages (it does not change during a compile).
    private readonly string _workingDirectory = Directory.GetCurrentDirectory();

    public DefinitionResolver(CompilerOptions options) => _options = options;

    /// <summary>Resolves the flow path given on the command line, relative to the working directory.</summary>
    public DefinitionLocation ResolveRoot(string flowPath)
    {
        string path = StripFileScheme(flowPath);
        if (path.StartsWith(LibraryScheme, StringComparison.Ordinal) || path.StartsWith(ContextScheme, StringComparison.Ordinal))
        {
            return Resolve(path, null, 0);
        }
        string fullPath = System.IO.Path.GetFullPath(path);
        if (TryResolveFile(fullPath, out var location)) return location;
        throw new CompileException($"Could not resolve '{flowPath}': {ResolutionFailure.File(fullPath)}");
    }

    /// <summary>
    /// Resolves <paramref name="reference"/> written at <paramref name="line"/> of the definition at
    /// <paramref name="from"/>; the error names the places searched.
    /// </summary>
    public DefinitionLocation Resolve(string reference, DefinitionLocation? from, int line)
    {
        var key = (from is null ? "" : from.DirectoryKey, reference);
        if (_resolved.TryGetValue(key, out var cached)) return cached;
        if (!TryResolve(reference, from, out var location))
        {
            string file = from is null ? "" : CompileError.At(from.Display, line);
            throw new CompileException(CompileError.Format(file, $"Could not resolve '{reference}': {Explain(reference, from)}"));
        }
        _resolved[key] = location;
        return location;
    }

    private bool TryResolve(string reference, DefinitionLocation? from, [NotNullWhen(true)] out DefinitionLocation? location)
    {
        location = null;
        if (reference.StartsWith(LibraryScheme, StringComparison.Ordinal))
        {
            return TrySplitLibrary(reference, out string library, out string path) && TryResolveLibrary(library, path, out location);
        }
        if (reference.StartsWith(ContextScheme, StringComparison.Ordinal))
        {
            return _options.Context is { } context
                && TryResolveInTree(LocationKind.Context, context, "", reference[ContextScheme.Length..], out location);
        }
        if (IsOtherScheme(reference)) return false;
        string path2 = StripFileScheme(reference);
        if (from?.Tree is { } tree)
        {
            // A relative reference inside a library or the context stays in that tree.
            string joined = DefinitionPaths.TreeJoin(DefinitionPaths.TreeDirectory(from.Path), path2);
            return TryResolveInTree(from.Kind, tree, from.Library, joined, out location);
        }
        return TryResolveFile(FullPath(path2, from), out location);
    }

    private static bool IsOtherScheme(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) && !reference.StartsWith(FileScheme, StringComparison.Ordinal);

    private static string FullPath(string path, DefinitionLocation? from)
    {
        string baseDirectory = from is null ? Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(from.Path)!;
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
    }

    private static bool TrySplitLibrary(string reference, out string library, out string path)
    {
        string rest = reference[LibraryScheme.Length..];
        int slash = rest.IndexOf('/');
        library = slash <= 0 ? rest : rest[..slash];
        path = slash <= 0 ? "" : rest[(slash + 1)..];
        return slash > 0;
    }

    // lib://flowstdlib is built in; other libraries are looked up on the search path, in order.
    private bool TryResolveLibrary(string library, string path, [NotNullWhen(true)] out DefinitionLocation? location)
    {
        if (library == StandardLibraryName && _options.StandardLibrary is { } standard)
        {
            return TryResolveInTree(LocationKind.Library, standard, library, path, out location);
        }
        foreach (string directory in _options.LibrarySearchPath)
        {
            if (LibraryTree(directory, library) is { } tree && TryResolveInTree(LocationKind.Library, tree, library, path, out location))
            {
                return true;
            }
        }
        location = null;
        return false;
    }

    private DirectoryDefinitionTree? LibraryTree(string searchDirectory, string library)
    {
        string root = System.IO.Path.Combine(StripFileScheme(searchDirectory), library);
        if (!_libraryTrees.TryGetValue(root, out var tree))
        {
            tree = Directory.Exists(root) ? new DirectoryDefinitionTree(root) : null;
            _libraryTrees[root] = tree;
        }
        return tree;
    }

    // Only called once resolution failed: says what was looked for and where.
    private string Explain(string reference, DefinitionLocation? from)
    {
        if (reference.StartsWith(LibraryScheme, StringComparison.Ordinal))
        {
            if (!TrySplitLibrary(reference, out string library, out string path)) return "a library reference is lib://<library>/<path>";
            if (library == StandardLibraryName && _options.StandardLibrary is { } standard)
            {
                return ResolutionFailure.InTree($"the built-in {StandardLibraryName} has no '{path}'", standard, path, LibraryScheme + library + "/");
            }
            var found = _options.LibrarySearchPath.Select(directory => LibraryTree(directory, library)).OfType<DirectoryDefinitionTree>().ToList();
            return ResolutionFailure.Library(library, path, _options.LibrarySearchPath, found);
        }
        if (reference.StartsWith(ContextScheme, StringComparison.Ordinal))
        {
            string path = reference[ContextScheme.Length..];
            return _options.Context is { } context
                ? ResolutionFailure.InTree($"there is no context function '{path}'", context, path, ContextScheme)
                : "no context functions are available here";
        }
        if (IsOtherScheme(reference)) return "only relative paths, file://, lib:// and context:// references are supported";
        string relative = StripFileScheme(reference);
        if (from?.Tree is { } tree)
        {
            string joined = DefinitionPaths.TreeJoin(DefinitionPaths.TreeDirectory(from.Path), relative);
            string where = from.Kind == LocationKind.Context ? "the context functions" : $"library '{from.Library}'";
            return DefinitionPaths.TryNormalizeTreePath(joined, out var normalized)
                ? $"there is no '{normalized}' in {where}"
                : $"the path leaves {where}, where it is written";
        }
        return ResolutionFailure.File(FullPath(relative, from));
    }

    private bool TryResolveInTree(LocationKind kind, IDefinitionTree tree, string library, string path,
        [NotNullWhen(true)] out DefinitionLocation? location)
    {
        location = null;
        if (!DefinitionPaths.TryNormalizeTreePath(path, out var normalized) || normalized.Length == 0) return false;
        if (!tree.TryResolve(normalized, out var resolved)) return false;
        string scheme = kind == LocationKind.Context ? ContextScheme : LibraryScheme + library + "/";
        string resolvedUrl = tree is DirectoryDefinitionTree directory ? FileUrl(directory.FullPath(resolved)) : scheme + resolved;
        location = new DefinitionLocation
        {
            Kind = kind,
            Tree = tree,
            Library = library,
            Path = resolved,
            Url = scheme + CanonicalPath(normalized),
            ResolvedUrl = resolvedUrl,
            Display = tree is DirectoryDefinitionTree d ? DisplayPath(d.FullPath(resolved), _workingDirectory) : scheme + resolved,
        };
        return true;
    }

    private bool TryResolveFile(string fullPath, [NotNullWhen(true)] out DefinitionLocation? location)
    {
        location = null;
        if (!DefinitionPaths.TryResolve(fullPath, System.IO.Path.DirectorySeparatorChar, DefinitionPaths.ProbeDisk, out var resolved))
        {
            return false;
        }
        string url = FileUrl(fullPath);
        location = new DefinitionLocation
        {
            Kind = LocationKind.File,
            Path = resolved,
            Url = url,
            ResolvedUrl = resolved == fullPath ? url : FileUrl(resolved),
            Display = DisplayPath(resolved, _workingDirectory),
        };
        return true;
    }

    /// <summary>
    /// The implementation reference of a library or context function: without ".toml", and with a
    /// doubled last segment (math/add/add) written once, so both spellings name the same function.
    /// </summary>
    public static string CanonicalPath(string path)
    {
        if (path.EndsWith(DefinitionPaths.DefinitionExtension, StringComparison.Ordinal))
        {
            path = path[..^DefinitionPaths.DefinitionExtension.Length];
        }
        int last = path.LastIndexOf('/');
        if (last > 0)
        {
            int previous = path.LastIndexOf('/', last - 1);
            if (path.AsSpan(previous + 1, last - previous - 1).SequenceEqual(path.AsSpan(last + 1))) path = path[..last];
        }
        return path;
    }

    private static string StripFileScheme(string path) =>
        path.StartsWith(FileScheme, StringComparison.Ordinal) ? path[FileScheme.Length..] : path;

    private static string FileUrl(string fullPath) => FileScheme + fullPath.Replace('\\', '/');

    /// <summary>A path relative to the working directory when the file is below it, else absolute.</summary>
    public static string DisplayPath(string fullPath) => DisplayPath(fullPath, Directory.GetCurrentDirectory());

    private static string DisplayPath(string fullPath, string workingDirectory)
    {
        // A full path outside the working directory is shown as it is (the common case for generated
        // flows in a temporary folder), without working out a relative path only to discard it.
        string below = System.IO.Path.EndsInDirectorySeparator(workingDirectory) ? workingDirectory : workingDirectory + System.IO.Path.DirectorySeparatorChar;
        if (!fullPath.StartsWith(below, StringComparison.Ordinal)) return fullPath;
        string relative = System.IO.Path.GetRelativePath(workingDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? fullPath : relative;
    }
}
