// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Compiler.Loading;

/// <summary>How a reference names a definition file, over any store of files (disk, embedded, in memory).</summary>
internal static class DefinitionPaths
{
    public const string DefinitionExtension = ".toml";
    private const string RootFileName = "root.toml";

    /// <summary>What a path names in a store of files.</summary>
    public enum Entry : byte
    {
        Missing,
        File,
        Directory,
    }

    /// <summary>
    /// A directory D gives D/root.toml, else D/&lt;last segment&gt;.toml; else the file
    /// itself; else the path with ".toml" appended.
    /// </summary>
    public static bool TryResolve(string path, char separator, Func<string, bool> isFile, Func<string, bool> isDirectory,
        [NotNullWhen(true)] out string? resolved) =>
        TryResolve(path, separator, p => isDirectory(p) ? Entry.Directory : isFile(p) ? Entry.File : Entry.Missing, out resolved);

    /// <summary>The same, with one <paramref name="probe"/> of each path tried (one system call on disk).</summary>
    public static bool TryResolve(string path, char separator, Func<string, Entry> probe, [NotNullWhen(true)] out string? resolved)
    {
        resolved = null;
        string trimmed = path.TrimEnd(separator);
        if (trimmed.Length == 0) return false;
        var entry = probe(trimmed);
        if (entry == Entry.File)
        {
            resolved = trimmed;
            return true;
        }
        if (entry == Entry.Directory)
        {
            string rootFile = trimmed + separator + RootFileName;
            int slash = trimmed.LastIndexOf(separator);
            string named = trimmed + separator + trimmed[(slash + 1)..] + DefinitionExtension;
            if (probe(rootFile) == Entry.File) resolved = rootFile;
            else if (probe(named) == Entry.File) resolved = named;
            if (resolved is not null) return true;
        }
        string withExtension = trimmed + DefinitionExtension;
        if (probe(withExtension) == Entry.File) resolved = withExtension;
        return resolved is not null;
    }

    /// <summary>What <paramref name="fullPath"/> is on disk, with one status call (two for a symbolic link).</summary>
    public static Entry ProbeDisk(string fullPath)
    {
        var attributes = new FileInfo(fullPath).Attributes;
        if ((int)attributes == -1) return Entry.Missing;
        if ((attributes & FileAttributes.ReparsePoint) != 0)
        {
            return Directory.Exists(fullPath) ? Entry.Directory : File.Exists(fullPath) ? Entry.File : Entry.Missing;
        }
        return (attributes & FileAttributes.Directory) != 0 ? Entry.Directory : Entry.File;
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
