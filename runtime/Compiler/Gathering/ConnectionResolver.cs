// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Loading;

namespace Flowr.Runtime.Compiler.Gathering;

/// <summary>
/// §3 step 1/2: resolves every <c>[[connection]]</c> of every flow to hops between IO nodes
/// (flow-language.md §2.5), in declaration order.
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
                var (from, fromInput, subroute) = ResolveSource(flow, connection.From);
                foreach (string to in connection.To)
                {
                    var hop = new ConnectionHop(from, fromInput, subroute, ResolveDestination(flow, to), connection.Name, flow);
                    hops.Add(hop);
                    if (from.IsFlowIo) from.Outgoing.Add(hop);
                }
            }
        }
        return hops;
    }

    // §2.5: the longest prefix naming an IO is the IO, the rest is the sub-route; outputs before inputs.
    // The bare alias of a process with a single, named output refers to that output.
    private static (IoNode Node, bool FromInput, string Subroute) ResolveSource(FlowInstance flow, string reference)
    {
        var segments = reference.Split('/');
        string head = segments[0];
        var rest = segments.AsSpan(1);
        if (head == InputWord)
        {
            if (LongestPrefix(flow.InputNodes, rest) is { } own) return (own.Node, false, own.Subroute);
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
        }
        throw new CompileException(CompileError.Format(flow.Location.Display,
            $"Connection source '{reference}' not found in flow '{flow.Alias}' at route '{flow.Route}'"));
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

    private static IoNode ResolveDestination(FlowInstance flow, string reference)
    {
        int slash = reference.IndexOf('/');
        string head = slash < 0 ? reference : reference[..slash];
        string name = slash < 0 ? "" : reference[(slash + 1)..];
        IoNode? node = null;
        if (head == OutputWord) node = ProcessInstance.Find(flow.OutputNodes, name);
        else if (head != InputWord && flow.Child(head) is { } child)
        {
            node = ProcessInstance.Find(child.InputNodes, name);
            // The bare alias of a process with a single, named input refers to that input.
            if (node is null && slash < 0 && child.InputNodes.Length == 1) node = child.InputNodes[0];
        }
        return node ?? throw new CompileException(CompileError.Format(flow.Location.Display,
            $"Connection destination '{reference}' not found in flow '{flow.Alias}' at route '{flow.Route}'"));
    }
}
