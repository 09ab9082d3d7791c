// Copyright (c) flowr contributors. MIT licence.
using System.Reflection;
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// Definitions embedded in an assembly as resources whose LogicalName is "&lt;root&gt;/&lt;path&gt;",
/// e.g. "flowstdlib/math/add.toml" for root "flowstdlib". A resolved path is relative to the root.
/// </summary>
public sealed class EmbeddedDefinitionTree : IDefinitionTree
{
    private readonly Assembly _assembly;
    private readonly string _prefix;
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    /// <summary>Indexes the resources of <paramref name="assembly"/> that start with "<paramref name="root"/>/".</summary>
    public EmbeddedDefinitionTree(Assembly assembly, string root)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(root);
        _assembly = assembly;
        _prefix = root.TrimEnd('/') + "/";
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(_prefix, StringComparison.Ordinal)) continue;
            string path = name[_prefix.Length..];
            _files.Add(path);
            for (int slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                _directories.Add(path[..slash]);
            }
        }
    }

    /// <summary>The root name given at construction.</summary>
    public string Root => _prefix[..^1];

    /// <inheritdoc/>
    public bool TryResolve(string path, [NotNullWhen(true)] out string? resolvedPath)
    {
        resolvedPath = null;
        if (!Loading.DefinitionPaths.TryNormalizeTreePath(path, out var normalized) || normalized.Length == 0) return false;
        return Loading.DefinitionPaths.TryResolve(normalized, '/', _files.Contains, _directories.Contains, out resolvedPath);
    }

    /// <inheritdoc/>
    public IEnumerable<string> DefinitionPaths() => _files;

    /// <inheritdoc/>
    public string ReadText(string resolvedPath)
    {
        using var stream = _assembly.GetManifestResourceStream(_prefix + resolvedPath)
            ?? throw new FileNotFoundException($"No embedded definition '{_prefix}{resolvedPath}'");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
