// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Loading;

/// <summary>How a reference names a definition file, over any store of files (disk, embedded, in memory).</summary>
internal static class DefinitionPaths
{
    public const string DefinitionExtension = ".toml";
    private const string RootFileName = "root.toml";

    /// <summary>
    /// A directory D gives D/root.toml, else D/&lt;last segment&gt;.toml; else the file
    /// itself; else the path with ".toml" appended.
    /// </summary>
    public static bool TryResolve(string path, char separator, Func<string, bool> isFile, Func<string, bool> isDirectory,
        [NotNullWhen(true)] out string? resolved)
    {
        string trimmed = path.TrimEnd(separator);
        if (trimmed.Length > 0 && isDirectory(trimmed))
        {
            string rootFile = trimmed + separator + RootFileName;
            if (isFile(rootFile))
            {
                resolved = rootFile;
                return true;
            }
            int slash = trimmed.LastIndexOf(separator);
            string named = trimmed + separator + trimmed[(slash + 1)..] + DefinitionExtension;
            if (isFile(named))
            {
                resolved = named;
                return true;
            }
        }
        if (trimmed.Length > 0 && isFile(trimmed))
        {
            resolved = trimmed;
            return true;
        }
        string withExtension = trimmed + DefinitionExtension;
        if (trimmed.Length > 0 && isFile(withExtension))
        {
            resolved = withExtension;
            return true;
        }
        resolved = null;
        return false;
    }

    /// <summary>
    /// Normalizes a '/'-separated path inside a tree: drops empty and "." segments and applies "..".
    /// Returns false when ".." would leave the tree.
    /// </summary>
    public static bool TryNormalizeTreePath(string path, [NotNullWhen(true)] out string? normalized)
    {
        var segments = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    normalized = null;
                    return false;
                }
                segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        normalized = string.Join('/', segments);
        return true;
    }

    /// <summary>The directory part of a '/'-separated tree path ("" at the root).</summary>
    public static string TreeDirectory(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>Joins a reference to a directory inside a tree.</summary>
    public static string TreeJoin(string directory, string reference) =>
        reference.StartsWith('/') || directory.Length == 0 ? reference : directory + "/" + reference;
}
