// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler.Gathering;

/// <summary>
/// Resolves every <c>[[connection]]</c> of every flow to hops between IO nodes, in declaration
/// order. A reference that names nothing is an error listing the names that exist there.
/// </summary>
internal static class ConnectionResolver
{
    private const string InputWord = "input";
    private const string OutputWord = "output";

    /// <summary>All hops of all flows; hops leaving a flow IO are also added to its node.</summary>
    public static List<ConnectionHop> ResolveAll(IEnumerable<FlowInstance> flows)
    {
        var hops = new List<ConnectionHop>();
        foreach (var flow in flows)
        {
            foreach (var connection in flow.Definition.Connections)
            {
                var (from, fromInput, subroute) = ResolveSource(flow, connection);
                foreach (string to in connection.To)
                {
                    var hop = new ConnectionHop(from, fromInput, subroute, ResolveDestination(flow, connection, to), connection.Name, flow, connection.Line);
                    hops.Add(hop);
                    if (from.IsFlowIo) from.AddOutgoing(hop);
                }
            }
        }
        return hops;
    }

    // The longest prefix naming an IO is the IO, the rest is the sub-route (a JSON Pointer into the
    // value); outputs before inputs. The bare alias of a process with a single, named output refers
    // to that output.
    private static (IoNode Node, bool FromInput, string Subroute) ResolveSource(FlowInstance flow, ConnectionDefinition connection)
    {
        string reference = connection.From;
        var segments = reference.Split('/');
        string head = segments[0];
        var rest = segments.AsSpan(1);
        string why;
        if (head == InputWord)
        {
            if (LongestPrefix(flow.InputNodes, rest) is { } own) return (own.Node, false, own.Subroute);
            why = $"flow '{flow.Alias}' has no input '{string.Join('/', rest.ToArray())}'"
                + Suggestions.Describe(string.Join('/', rest.ToArray()), ProcessInstance.Names(flow.InputNodes), "its inputs");
        }
        else if (head == OutputWord)
        {
            why = "'output/…' names an output of this flow, which can only be a destination";
        }
        else if (flow.Child(head) is { } child)
        {
            if (child is FunctionInstance)
            {
                string name = string.Join('/', rest.ToArray());
                if (ProcessInstance.Find(child.OutputNodes, name) is { } output) return (output, false, "");
                if (ProcessInstance.Find(child.InputNodes, name) is { } input) return (input, true, "");
            }
            if (LongestPrefix(child.OutputNodes, rest) is { } found) return (found.Node, false, found.Subroute);
            if (rest.Length == 0 && child.OutputNodes.Length == 1) return (child.OutputNodes[0], false, "");
            why = NoSuchIo(child, string.Join('/', rest.ToArray()), source: true);
        }
        else
        {
            why = NoSuchProcess(flow, head);
        }
        throw new CompileException(CompileError.Format(CompileError.At(flow.Location.Display, connection.Line),
            $"Connection source '{reference}' not found in flow '{flow.Alias}' at route '{flow.Route}': {why}"));
    }

    private static (IoNode Node, string Subroute)? LongestPrefix(IoNode[] nodes, ReadOnlySpan<string> segments)
    {
        for (int length = segments.Length; length >= 0; length--)
        {
            string name = string.Join('/', segments[..length].ToArray());
            if (ProcessInstance.Find(nodes, name) is { } node)
            {
                string subroute = length == segments.Length ? "" : "/" + string.Join('/', segments[length..].ToArray());
                return (node, subroute);
            }
        }
        return null;
    }

    private static IoNode ResolveDestination(FlowInstance flow, ConnectionDefinition connection, string reference)
    {
        int slash = reference.IndexOf('/');
        string head = slash < 0 ? reference : reference[..slash];
        string name = slash < 0 ? "" : reference[(slash + 1)..];
        string why;
        if (head == OutputWord)
        {
            if (ProcessInstance.Find(flow.OutputNodes, name) is { } output) return output;
            why = $"flow '{flow.Alias}' has no output '{name}'" + Suggestions.Describe(name, ProcessInstance.Names(flow.OutputNodes), "its outputs");
        }
        else if (head == InputWord)
        {
            why = "'input/…' names an input of this flow, which can only be a source";
        }
        else if (flow.Child(head) is { } child)
        {
            if (ProcessInstance.Find(child.InputNodes, name) is { } input) return input;
            // The bare alias of a process with a single, named input refers to that input.
            if (slash < 0 && child.InputNodes.Length == 1) return child.InputNodes[0];
            why = NoSuchIo(child, name, source: false);
        }
        else
        {
            why = NoSuchProcess(flow, head);
        }
        throw new CompileException(CompileError.Format(CompileError.At(flow.Location.Display, connection.Line),
            $"Connection destination '{reference}' not found in flow '{flow.Alias}' at route '{flow.Route}': {why}"));
    }

    private static string NoSuchProcess(FlowInstance flow, string alias)
    {
        string text = $"there is no process '{alias}' here" + Suggestions.Describe(alias, flow.Children.Select(child => child.Alias), "its processes");
        if (Suggestions.Closest(alias, [InputWord, OutputWord]) is { } word) text += $"; '{word}/<name>' names one of this flow's own IOs";
        return text;
    }

    private static string NoSuchIo(ProcessInstance process, string name, bool source)
    {
        var inputs = ProcessInstance.Names(process.InputNodes).ToList();
        var outputs = ProcessInstance.Names(process.OutputNodes).ToList();
        if (name.Length == 0)
        {
            return source
                ? $"'{process.Alias}' alone names its default output, and it has none" + Suggestions.Listing(outputs, "its outputs")
                : $"'{process.Alias}' alone names its default input, and it has none" + Suggestions.Listing(inputs, "its inputs");
        }
        if (process is FlowInstance flow)
        {
            if (!source) return $"flow '{flow.Alias}' has no input '{name}'" + Suggestions.Describe(name, inputs, "its inputs");
            if (inputs.Contains(name)) return $"'{name}' is an input of sub-flow '{flow.Alias}': only a function's inputs can be sources";
            return $"flow '{flow.Alias}' has no output '{name}'" + Suggestions.Describe(name, outputs, "its outputs");
        }
        if (!source) return $"function '{process.Alias}' has no input '{name}'" + Suggestions.Describe(name, inputs, "its inputs");
        return $"function '{process.Alias}' has no output or input '{name}'" + Suggestions.Listing(outputs, "its outputs")
            + Suggestions.Listing(inputs, "its inputs") + Suggestions.DidYouMean(name, outputs.Concat(inputs));
    }
}
