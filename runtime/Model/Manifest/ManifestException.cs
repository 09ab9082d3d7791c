// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Model.Manifest;

/// <summary>A <c>manifest.json</c> that cannot be read: names the manifest and the offending field.</summary>
public sealed class ManifestException : FormatException
{
    public ManifestException(string manifestPath, string field, string problem, Exception? inner = null)
        : base(field.Length == 0 ? $"{manifestPath}: {problem}" : $"{manifestPath}: '{field}': {problem}", inner)
    {
        ManifestPath = manifestPath;
        Field = field;
    }

    /// <summary>The manifest the error is in.</summary>
    public string ManifestPath { get; }

    /// <summary>The JSON path of the offending field, e.g. <c>functions[2].inputs[0].initializer</c> (empty for the whole document).</summary>
    public string Field { get; }
}
