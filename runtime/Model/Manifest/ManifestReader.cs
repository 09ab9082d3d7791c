// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Model.Manifest;

/// <summary>
/// Reads <c>manifest.json</c> in upstream's 0.142 dialect (what flowr -c writes) or its 1.0 dialect,
/// told apart by <c>functions</c> being an array or an object. Unknown fields are ignored, as serde does.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>Reads the manifest file at <paramref name="manifestPath"/>.</summary>
    public static FlowManifest ReadFile(string manifestPath) => Read(File.ReadAllText(manifestPath), manifestPath);

    /// <summary>Reads manifest text; <paramref name="manifestPath"/> becomes <see cref="FlowManifest.FlowUrl"/>,
    /// its directory <see cref="FlowManifest.BaseDirectory"/>, and it is named in every error.
    /// Throws <see cref="ManifestException"/> when the manifest is malformed.</summary>
    public static FlowManifest Read(string json, string manifestPath)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(manifestPath);
        var fields = new ManifestFields(manifestPath);
        Value document;
        try
        {
            document = ValueJson.Parse(json);
        }
        catch (FormatException e)
        {
            throw new ManifestException(manifestPath, "", e.Message, e);
        }

        var root = fields.Object(document, "(root)");
        var functionsValue = fields.Required(root, "functions", "functions");
        bool era1 = functionsValue.IsObject;
        if (!era1 && !functionsValue.IsArray)
        {
            throw fields.Error("functions", $"expected an array (0.142) or an object (1.0), found {ManifestFields.Describe(functionsValue)}");
        }

        var functions = era1
            ? ReadEra1Functions(fields, root, functionsValue.AsObject!, out string[] labels)
            : ReadFunctions(fields, functionsValue, out labels);
        CheckDestinations(fields, functions, labels);
        return new FlowManifest
        {
            Metadata = ReadMetadata(fields, root),
            LibReferences = Normalize(fields.Strings(root, "lib_references", "lib_references")),
            ContextReferences = Normalize(fields.Strings(root, "context_references", "context_references")),
            Functions = functions,
            SourceUrls = ReadSourceUrls(fields, root),
            FlowUrl = manifestPath,
            BaseDirectory = DirectoryOf(manifestPath),
        };
    }

    private static FlowMetadata ReadMetadata(ManifestFields fields, ValueObject root)
    {
        if (!fields.TryGet(root, "metadata", out var value)) return FlowMetadata.Empty;
        var metadata = fields.Object(value, "metadata");
        return new FlowMetadata(
            fields.String(metadata, "name", "metadata.name"),
            fields.String(metadata, "version", "metadata.version"),
            fields.String(metadata, "description", "metadata.description"),
            fields.Strings(metadata, "authors", "metadata.authors"));
    }

    // 0.142: an array of [url, resolved] pairs; 1.0: an object {url: resolved}.
    private static IReadOnlyList<KeyValuePair<string, string>> ReadSourceUrls(ManifestFields fields, ValueObject root)
    {
        if (!fields.TryGet(root, "source_urls", out var value)) return [];
        var result = new List<KeyValuePair<string, string>>();
        if (value.AsObject is { } map)
        {
            foreach (var member in map.Members)
            {
                string field = $"source_urls.{member.Key}";
                result.Add(new(member.Key, member.Value.TryGetString(out string? resolved)
                    ? resolved
                    : throw fields.Error(field, $"expected a string, found {ManifestFields.Describe(member.Value)}")));
            }
            return result;
        }
        var pairs = fields.Array(value, "source_urls");
        for (int i = 0; i < pairs.Length; i++)
        {
            string field = $"source_urls[{i}]";
            var pair = fields.Array(pairs[i], field);
            if (pair.Length != 2 || !pair[0].TryGetString(out string? url) || !pair[1].TryGetString(out string? resolved))
            {
                throw fields.Error(field, "expected a pair of strings [url, resolved_url]");
            }
            result.Add(new(url, resolved));
        }
        return result;
    }

    // Every connection must reach an existing input of an existing function; an Input source must
    // name one of the function's own inputs.
    private static void CheckDestinations(ManifestFields fields, IReadOnlyList<FunctionSpec> functions, string[] labels)
    {
        foreach (var function in functions)
        {
            for (int c = 0; c < function.OutputConnections.Count; c++)
            {
                var connection = function.OutputConnections[c];
                string field = $"{labels[function.Id]}.output_connections[{c}]";
                if (connection.DestinationId >= functions.Count)
                {
                    throw fields.Error($"{field}.destination_id", $"no function with function_id {connection.DestinationId}");
                }
                int inputs = functions[connection.DestinationId].Inputs.Count;
                if (connection.DestinationIo >= inputs)
                {
                    throw fields.Error($"{field}.destination_io_number",
                        $"input {connection.DestinationIo} does not exist: the destination function has {inputs} input(s)");
                }
                if (connection.Source.Kind == ConnectionSourceKind.Input && connection.Source.InputIndex >= function.Inputs.Count)
                {
                    throw fields.Error($"{field}.source",
                        $"input {connection.Source.InputIndex} does not exist: the function has {function.Inputs.Count} input(s)");
                }
            }
        }
    }

    private static IReadOnlyList<string> Normalize(IReadOnlyList<string> locations)
    {
        var result = new string[locations.Count];
        for (int i = 0; i < result.Length; i++) result[i] = NormalizeLocation(locations[i]);
        return result;
    }

    /// <summary>1.0 writes library and context locations with the last segment doubled
    /// (<c>lib://flowstdlib/math/add/add</c>); the project uses <c>lib://flowstdlib/math/add</c>.</summary>
    internal static string NormalizeLocation(string location)
    {
        if (!location.StartsWith("lib://", StringComparison.Ordinal) && !location.StartsWith("context://", StringComparison.Ordinal))
        {
            return location;
        }
        int last = location.LastIndexOf('/');
        int previous = location.LastIndexOf('/', last - 1);
        int schemeEnd = location.IndexOf("://", StringComparison.Ordinal) + 2;
        if (previous <= schemeEnd) return location;
        var lastSegment = location.AsSpan(last + 1);
        var previousSegment = location.AsSpan(previous + 1, last - previous - 1);
        return lastSegment.Length > 0 && lastSegment.SequenceEqual(previousSegment) ? location[..last] : location;
    }

    private static string DirectoryOf(string manifestPath)
    {
        int scheme = manifestPath.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            if (Uri.TryCreate(manifestPath, UriKind.Absolute, out var uri) && uri.IsFile)
            {
                return Path.GetDirectoryName(uri.LocalPath) ?? "";
            }
            int slash = manifestPath.LastIndexOf('/');
            return slash > scheme + 2 ? manifestPath[..slash] : manifestPath;
        }
        return Path.GetDirectoryName(Path.GetFullPath(manifestPath)) ?? "";
    }
}
