// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Graph;

/// <summary>
/// Draws a flow as written in its definitions, as a Graphviz digraph (left to right): each function
/// is a table with its inputs on the left and its outputs on the right, so connections attach to
/// ports and need no IO labels near their arrowheads; each sub-flow is a cluster with its input and
/// output ports; each library flow (<c>lib://…</c>, e.g. <c>sequence</c>) is one node unless
/// <c>expandLibraries</c>. Initializers are notes; a connection's label is its name and sub-route.
/// Functions the compiler removed as dead code are drawn dashed and grey.
/// </summary>
internal sealed class OutlineGraphWriter
{
    private readonly StringBuilder _dot = new();
    private readonly bool _expandLibraries;
    private readonly ISet<string> _compiledRoutes;

    private OutlineGraphWriter(bool expandLibraries, ISet<string> compiledRoutes)
    {
        _expandLibraries = expandLibraries;
        _compiledRoutes = compiledRoutes;
    }

    /// <param name="root">The root flow.</param>
    /// <param name="expandLibraries">Draw the inside of library flows too.</param>
    /// <param name="compiledRoutes">Routes of the functions in the compiled flow; others were removed as dead code.</param>
    public static string Write(OutlineDefinition root, bool expandLibraries, ISet<string> compiledRoutes)
    {
        var writer = new OutlineGraphWriter(expandLibraries, compiledRoutes);
        string route = "/" + root.Name;
        var dot = writer._dot;
        dot.Append("digraph flow {\n");
        dot.Append("  label=").Append(Quote(route)).Append(";\n  labelloc=t;\n  rankdir=LR;\n  nodesep=0.3;\n  ranksep=0.6;\n");
        dot.Append("  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9, labelfloat=false];\n");
        writer.WriteFlowBody(root, route, "  ");
        dot.Append("}\n");
        return dot.ToString();
    }

    private bool DrawsInside(OutlineDefinition definition) => definition.IsFlow && (!definition.IsLibrary || _expandLibraries);

    private void WriteFlowBody(OutlineDefinition flow, string route, string indent)
    {
        foreach (var process in flow.Processes)
        {
            string child = $"{route}/{process.Alias}";
            if (DrawsInside(process.Definition)) WriteSubFlow(process, child, indent);
            else WriteNode(process, child, indent);
            WriteInitializers(process, child, indent);
        }
        foreach (var connection in flow.Connections)
        {
            var source = Source(flow, route, connection.From);
            if (source is null) continue;
            foreach (string to in connection.To)
            {
                string? destination = Destination(flow, route, to);
                if (destination is null) continue;
                string label = string.Join(" ", new[] { connection.Name, source.Value.SubRoute }.Where(s => s.Length > 0));
                _dot.Append(indent).Append(source.Value.Endpoint).Append(" -> ").Append(destination).Append(" [");
                if (label.Length > 0) _dot.Append("label=").Append(Quote(label)).Append(", ");
                _dot.Append(source.Value.FromInput ? "style=dashed, tooltip=\"the input's value, after each job\"" : "style=solid").Append("];\n");
            }
        }
    }

    private void WriteSubFlow(OutlineProcess process, string route, string indent)
    {
        var flow = process.Definition;
        _dot.Append(indent).Append("subgraph ").Append(Quote("cluster_" + route)).Append(" {\n");
        string inner = indent + "  ";
        _dot.Append(inner).Append("label=").Append(Quote($"{process.Alias} ({ShortLocation(flow)})")).Append(";\n");
        _dot.Append(inner).Append("style=\"rounded,dashed\";\n");
        foreach (var input in flow.Inputs) WritePort(route, "in", input, inner);
        foreach (var output in flow.Outputs) WritePort(route, "out", output, inner);
        WriteFlowBody(flow, route, inner);
        _dot.Append(indent).Append("}\n");
    }

    private void WritePort(string route, string direction, OutlineIo io, string indent)
    {
        string name = io.Name.Length > 0 ? io.Name : "default";
        _dot.Append(indent).Append(PortNode(route, direction, name))
            .Append(" [shape=rarrow, style=filled, fillcolor=\"#dde8f5\", fontsize=9, label=")
            .Append(Quote(io.Type.Length > 0 ? $"{direction} {name}\n{io.Type}" : $"{direction} {name}")).Append("];\n");
    }

    // A function, or a library flow drawn whole: a table with input ports left, output ports right.
    private void WriteNode(OutlineProcess process, string route, string indent)
    {
        var definition = process.Definition;
        bool removed = !IsCompiled(route, definition);
        string colour = removed ? "gray55" : "black";
        string fill = definition.IsContext && !removed ? " BGCOLOR=\"#fde9c9\"" : "";
        int border = definition.IsFlow ? 2 : 1;
        var label = new StringBuilder();
        label.Append($"<TABLE BORDER=\"{border}\" CELLBORDER=\"0\" CELLSPACING=\"0\" STYLE=\"rounded\" COLOR=\"{colour}\"{fill}><TR>");
        if (definition.Inputs.Count > 0) label.Append("<TD>").Append(Ports(definition.Inputs, "i", colour)).Append("</TD>");
        label.Append($"<TD><FONT COLOR=\"{colour}\">").Append(Html(process.Alias)).Append("<BR/><FONT POINT-SIZE=\"9\">")
            .Append(Html(ShortLocation(definition))).Append(removed ? "<BR/>removed: its outputs go nowhere" : "").Append("</FONT></FONT></TD>");
        if (definition.Outputs.Count > 0) label.Append("<TD>").Append(Ports(definition.Outputs, "o", colour)).Append("</TD>");
        label.Append("</TR></TABLE>");
        _dot.Append(indent).Append(Quote(route)).Append(" [shape=plain, label=<").Append(label).Append(">];\n");
    }

    private static string Ports(IReadOnlyList<OutlineIo> ios, string prefix, string colour)
    {
        var table = new StringBuilder($"<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"2\" COLOR=\"{colour}\">");
        for (int i = 0; i < ios.Count; i++)
        {
            string name = ios[i].Name.Length > 0 ? Html(ios[i].Name) : "&#160;";
            table.Append($"<TR><TD PORT=\"{prefix}{i}\"><FONT POINT-SIZE=\"9\" COLOR=\"{colour}\">{name}</FONT></TD></TR>");
        }
        return table.Append("</TABLE>").ToString();
    }

    private bool IsCompiled(string route, OutlineDefinition definition)
    {
        if (_compiledRoutes.Count == 0 || _compiledRoutes.Contains(route)) return true;
        return definition.IsFlow && _compiledRoutes.Any(r => r.StartsWith(route + "/", StringComparison.Ordinal));
    }

    private void WriteInitializers(OutlineProcess process, string route, string indent)
    {
        var definition = process.Definition;
        foreach (var initializer in process.Initializers)
        {
            int index = OutlineDefinition.IndexOf(definition.Inputs, initializer.Input);
            if (index < 0) continue;
            string target = DrawsInside(definition)
                ? PortNode(route, "in", initializer.Input.Length > 0 ? initializer.Input : "default")
                : $"{Quote(route)}:i{index}:w";
            string note = Quote($"init:{route}/{initializer.Input}");
            _dot.Append(indent).Append(note).Append(" [shape=note, fontsize=9, height=0.2, margin=\"0.05,0.02\", label=")
                .Append(Quote($"{initializer.Kind} {initializer.Value}")).Append("];\n");
            _dot.Append(indent).Append(note).Append(" -> ").Append(target).Append(" [style=dotted, arrowhead=open];\n");
        }
    }

    private readonly record struct SourceEnd(string Endpoint, string SubRoute, bool FromInput);

    // from = "input/<name>[/sub]", "<alias>", "<alias>/<output>[/sub]", "<alias>/<sub>", or "<alias>/<input>" of a function.
    private SourceEnd? Source(OutlineDefinition flow, string route, string from)
    {
        string[] parts = from.Split('/');
        if (parts[0] == "input")
        {
            return parts.Length < 2 ? null : new SourceEnd(PortNode(route, "in", parts[1]), SubRoute(parts, 2), false);
        }
        var process = flow.Processes.FirstOrDefault(p => p.Alias == parts[0]);
        if (process is null) return null;
        string child = $"{route}/{process.Alias}";
        var definition = process.Definition;
        string name = parts.Length > 1 ? parts[1] : "";
        int output = OutlineDefinition.IndexOf(definition.Outputs, name);
        if (output >= 0)
        {
            string port = DrawsInside(definition)
                ? PortNode(child, "out", definition.Outputs[output].Name.Length > 0 ? definition.Outputs[output].Name : "default")
                : $"{Quote(child)}:o{output}:e";
            return new SourceEnd(port, SubRoute(parts, name.Length > 0 ? 2 : 1), false);
        }
        int input = definition.IsFlow ? -1 : OutlineDefinition.IndexOf(definition.Inputs, name);
        if (input >= 0) return new SourceEnd($"{Quote(child)}:i{input}:w", "", true);
        // The default output, with a sub-route into its value.
        if (definition.Outputs.Count != 1) return null;
        string defaultPort = DrawsInside(definition) ? PortNode(child, "out", "default") : $"{Quote(child)}:o0:e";
        return new SourceEnd(defaultPort, SubRoute(parts, 1), false);
    }

    private string? Destination(OutlineDefinition flow, string route, string to)
    {
        string[] parts = to.Split('/');
        if (parts[0] == "output") return parts.Length < 2 ? null : PortNode(route, "out", parts[1]);
        var process = flow.Processes.FirstOrDefault(p => p.Alias == parts[0]);
        if (process is null) return null;
        string child = $"{route}/{process.Alias}";
        string name = parts.Length > 1 ? parts[1] : "";
        int input = OutlineDefinition.IndexOf(process.Definition.Inputs, name);
        if (input < 0) return null;
        return DrawsInside(process.Definition)
            ? PortNode(child, "in", name.Length > 0 ? name : "default")
            : $"{Quote(child)}:i{input}:w";
    }

    private static string SubRoute(string[] parts, int from) => parts.Length > from ? "/" + string.Join('/', parts[from..]) : "";

    private static string PortNode(string route, string direction, string name) => Quote($"{route}:{direction}:{name}");

    /// <summary>lib://flowstdlib/math/sequence for a library, the file name for a flow's own definitions.</summary>
    private static string ShortLocation(OutlineDefinition definition)
    {
        string location = definition.Location;
        if (location.EndsWith(".toml", StringComparison.Ordinal)) location = location[..^".toml".Length];
        return definition.IsLibrary || definition.IsContext ? location : Path.GetFileName(location);
    }

    private static string Html(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\') quoted.Append('\\');
            if (c == '\n') { quoted.Append("\\n"); continue; }
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }
}
