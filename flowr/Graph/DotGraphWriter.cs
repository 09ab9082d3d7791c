// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Model;

namespace Flowr.Graph;

/// <summary>
/// Draws a compiled flow (a manifest.json, which has no sub-flow definitions left) as a Graphviz
/// digraph: functions as nodes (context functions shaded),
/// sub-flows as nested clusters (recovered from the functions' routes), initializers as small
/// notes feeding their input, and every connection labelled with its source and destination IOs.
/// </summary>
internal static class DotGraphWriter
{
    public static string Write(FlowManifest manifest)
    {
        var dot = new StringBuilder();
        string title = manifest.Functions.Count > 0 ? RootRoute(manifest.Functions[0]) : "/flow";
        dot.Append("digraph flow {\n");
        dot.Append("  label=").Append(Quote(title)).Append(";\n  labelloc=t;\n  rankdir=LR;\n");
        dot.Append("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9, labelfloat=false];\n");
        WriteCluster(dot, BuildTree(manifest), depth: 1);
        foreach (var function in manifest.Functions) WriteInitializers(dot, function);
        foreach (var function in manifest.Functions)
        {
            foreach (var connection in function.OutputConnections) WriteConnection(dot, manifest, function, connection);
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    private sealed class FlowNode(string route)
    {
        public string Route { get; } = route;
        public SortedDictionary<string, FlowNode> SubFlows { get; } = new(StringComparer.Ordinal);
        public List<FunctionSpec> Functions { get; } = [];
    }

    private static FlowNode BuildTree(FlowManifest manifest)
    {
        var root = new FlowNode("");
        foreach (var function in manifest.Functions)
        {
            var node = root;
            string[] segments = function.Route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            // Skip the root flow's own segment and the function's alias: what is between are sub-flows.
            for (int i = 1; i < segments.Length - 1; i++)
            {
                string route = "/" + string.Join('/', segments.Take(i + 1));
                if (!node.SubFlows.TryGetValue(segments[i], out var child)) node.SubFlows[segments[i]] = child = new FlowNode(route);
                node = child;
            }
            node.Functions.Add(function);
        }
        return root;
    }

    private static void WriteCluster(StringBuilder dot, FlowNode node, int depth)
    {
        string indent = new(' ', depth * 2);
        foreach (var function in node.Functions)
        {
            string name = function.Name.Length > 0 ? function.Name : $"#{function.Id}";
            string label = $"{name}\\n{function.ImplementationLocation}";
            string style = function.IsContext ? "shape=box, style=\"rounded,filled\", fillcolor=\"#fde9c9\"" : "shape=box, style=rounded";
            dot.Append(indent).Append(NodeId(function.Id)).Append(" [label=").Append(Quote(label, escapeNewlines: false)).Append(", ").Append(style).Append("];\n");
        }
        foreach (var subFlow in node.SubFlows.Values)
        {
            dot.Append(indent).Append("subgraph ").Append(Quote("cluster_" + subFlow.Route)).Append(" {\n");
            dot.Append(indent).Append("  label=").Append(Quote(subFlow.Route)).Append(";\n");
            dot.Append(indent).Append("  style=\"rounded,dashed\";\n");
            WriteCluster(dot, subFlow, depth + 1);
            dot.Append(indent).Append("}\n");
        }
    }

    private static void WriteInitializers(StringBuilder dot, FunctionSpec function)
    {
        for (int i = 0; i < function.Inputs.Count; i++)
        {
            var input = function.Inputs[i];
            foreach (var (initializer, kind) in new[] { (input.Initializer, "init"), (input.FlowInitializer, "flow init") })
            {
                if (initializer is null) continue;
                string id = $"init_{function.Id}_{i}_{(kind == "init" ? 0 : 1)}";
                string label = $"{kind} {(initializer.Kind == InitializerKind.Once ? "once" : "always")} {initializer.Value}";
                dot.Append("  ").Append(id).Append(" [shape=note, fontsize=9, label=").Append(Quote(label)).Append("];\n");
                dot.Append("  ").Append(id).Append(" -> ").Append(NodeId(function.Id))
                    .Append(" [style=dotted, arrowhead=open, label=").Append(Quote(InputName(function, i))).Append("];\n");
            }
        }
    }

    private static void WriteConnection(StringBuilder dot, FlowManifest manifest, FunctionSpec source, OutputConnection connection)
    {
        var destination = manifest.Functions[connection.DestinationId];
        string from = connection.Source.Kind == ConnectionSourceKind.Input
            ? $"input {InputName(source, connection.Source.InputIndex)}"
            : connection.Source.Pointer.Length == 0 ? "" : connection.Source.Pointer;
        string to = InputName(destination, connection.DestinationIo);
        string label = connection.Name.Length > 0 ? $"{connection.Name}: {from} → {to}" : $"{from} → {to}";
        dot.Append("  ").Append(NodeId(source.Id)).Append(" -> ").Append(NodeId(destination.Id))
            .Append(" [label=").Append(Quote(label.Trim()));
        if (connection.Source.Kind == ConnectionSourceKind.Input) dot.Append(", style=dashed");
        dot.Append("];\n");
    }

    private static string InputName(FunctionSpec function, int index)
    {
        if (index >= function.Inputs.Count) return index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string name = function.Inputs[index].Name;
        return name.Length > 0 ? name : function.Inputs.Count == 1 ? "default" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RootRoute(FunctionSpec function)
    {
        string[] segments = function.Route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length > 0 ? "/" + segments[0] : "/flow";
    }

    private static string NodeId(int id) => $"f{id}";

    private static string Quote(string text, bool escapeNewlines = true)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || (c == '\\' && escapeNewlines)) quoted.Append('\\');
            if (c == '\n') { quoted.Append("\\n"); continue; }
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
