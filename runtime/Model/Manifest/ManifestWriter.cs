// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Model.Manifest;

/// <summary>
/// Writes a compiled flow as <c>manifest.json</c> in the 0.142 dialect (docs/language.md, "manifest.json"),
/// pretty-printed with keys in the order upstream writes them.
/// </summary>
public static class ManifestWriter
{
    /// <summary>The manifest text (no trailing newline). With <paramref name="debug"/>, function
    /// names and routes, connection destinations and names, and <c>source_urls</c> are included.</summary>
    public static string ToJson(FlowManifest manifest, bool debug)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var writer = new PrettyJsonWriter();
        Write(writer, manifest, debug);
        return writer.ToString();
    }

    /// <summary>
    /// Writes the same text as <see cref="ToJson"/> (UTF-8) to <paramref name="output"/> as it is
    /// made, so a manifest of a large flow is never held whole in memory.
    /// </summary>
    public static void WriteTo(FlowManifest manifest, Stream output, bool debug)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new PrettyJsonWriter(output);
        Write(writer, manifest, debug);
        writer.Flush();
    }

    private static void Write(PrettyJsonWriter writer, FlowManifest manifest, bool debug)
    {
        writer.BeginObject();

        var metadata = manifest.Metadata;
        writer.Name("metadata");
        writer.BeginObject();
        writer.Property("name", metadata.Name);
        writer.Property("version", metadata.Version);
        writer.Property("description", metadata.Description);
        writer.StringArray("authors", metadata.Authors);
        writer.EndObject();

        writer.StringArray("lib_references", manifest.LibReferences);
        writer.StringArray("context_references", manifest.ContextReferences);

        writer.Name("functions");
        writer.BeginArray();
        for (int index = 0; index < manifest.Functions.Count; index++)
        {
            var function = manifest.Functions[index];
            if (function.Id != index)
            {
                throw new ArgumentException($"function at index {index} has id {function.Id}: ids must equal indexes", nameof(manifest));
            }
            WriteFunction(writer, function, debug);
        }
        writer.EndArray();

        if (debug)
        {
            writer.Name("source_urls");
            writer.BeginArray();
            foreach (var (url, resolved) in manifest.SourceUrls)
            {
                writer.BeginArray();
                writer.String(url);
                writer.String(resolved);
                writer.EndArray();
            }
            writer.EndArray();
        }

        writer.EndObject();
    }

    // A function object; fields at their default are omitted.
    private static void WriteFunction(PrettyJsonWriter writer, FunctionSpec function, bool debug)
    {
        writer.BeginObject();
        if (debug && function.Name.Length > 0) writer.Property("name", function.Name);
        if (debug && function.Route.Length > 0) writer.Property("route", function.Route);
        writer.Property("function_id", function.Id);
        writer.Property("flow_id", function.FlowId);
        writer.Property("implementation_location", function.ImplementationLocation);
        if (function.Inputs.Count > 0)
        {
            writer.Name("inputs");
            writer.BeginArray();
            foreach (var input in function.Inputs) WriteInput(writer, input);
            writer.EndArray();
        }
        if (function.OutputConnections.Count > 0)
        {
            writer.Name("output_connections");
            writer.BeginArray();
            foreach (var connection in function.OutputConnections) WriteConnection(writer, connection, debug);
            writer.EndArray();
        }
        writer.EndObject();
    }

    // An input object: array_order (omitted when 0), generic (only when true), initializers.
    private static void WriteInput(PrettyJsonWriter writer, InputSpec input)
    {
        writer.BeginObject();
        if (input.ArrayOrder != 0) writer.Property("array_order", input.ArrayOrder);
        if (input.Generic) writer.Property("generic", true);
        if (input.Initializer is { } initializer) WriteInitializer(writer, "initializer", initializer);
        if (input.FlowInitializer is { } flowInitializer) WriteInitializer(writer, "flow_initializer", flowInitializer);
        writer.EndObject();
    }

    private static void WriteInitializer(PrettyJsonWriter writer, string name, InputInitializer initializer)
    {
        writer.Name(name);
        writer.BeginObject();
        writer.Name(initializer.Kind == InitializerKind.Once ? "once" : "always");
        writer.Value(initializer.Value);
        writer.EndObject();
    }

    // An output connection: source omitted for the whole default output.
    private static void WriteConnection(PrettyJsonWriter writer, OutputConnection connection, bool debug)
    {
        writer.BeginObject();
        var source = connection.Source;
        if (!source.IsWholeOutput)
        {
            writer.Name("source");
            writer.BeginObject();
            if (source.Kind == ConnectionSourceKind.Input) writer.Property("Input", source.InputIndex);
            else writer.Property("Output", source.Pointer);
            writer.EndObject();
        }
        writer.Property("destination_id", connection.DestinationId);
        writer.Property("destination_io_number", connection.DestinationIo);
        writer.Property("destination_flow_id", connection.DestinationFlowId);
        if (debug && connection.DestinationRoute.Length > 0) writer.Property("destination", connection.DestinationRoute);
        if (debug && connection.Name.Length > 0) writer.Property("name", connection.Name);
        writer.EndObject();
    }
}
