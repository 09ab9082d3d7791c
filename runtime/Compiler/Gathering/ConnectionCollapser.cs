// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Compiler.Checks;
using Flowr.Runtime.Compiler.Definitions;
using Flowr.Runtime.Compiler.Loading;
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Compiler.Gathering;

/// <summary>A connection from a function output (or input) straight to a function input.</summary>
internal sealed record CollapsedConnection(FunctionInstance Source, bool FromInput, int SourceIndex, string Subroute,
    FunctionInstance Destination, int DestinationIndex, string Name, FlowInstance DeclaredIn)
{
    /// <summary>§4.1: <c>Input(index)</c>, or <c>Output("/&lt;output name&gt;/&lt;sub-route&gt;")</c>.</summary>
    public ConnectionSource ManifestSource
    {
        get
        {
            if (FromInput) return ConnectionSource.FromInput(SourceIndex);
            string output = Source.OutputNodes[SourceIndex].Name;
            return ConnectionSource.FromOutput(output.Length == 0 ? Subroute : "/" + output + Subroute);
        }
    }
}

/// <summary>
/// §3 steps 3–4: follows connection chains through sub-flow inputs and outputs to function inputs,
/// concatenating sub-routes, propagates sub-flow input initializers the same way, and type-checks
/// every hop and every collapsed pair.
/// </summary>
internal sealed class ConnectionCollapser
{
    private readonly Action<string>? _warning;
    private readonly List<(IoNode Input, string Subroute)> _reached = [];
    private readonly HashSet<IoNode> _path = [];

    public ConnectionCollapser(Action<string>? warning) => _warning = warning;

    public List<CollapsedConnection> Collapse(List<ConnectionHop> hops)
    {
        foreach (var hop in hops)
        {
            CheckTypes(hop.DeclaredIn, hop.From.Type, hop.Subroute, hop.To.Type, hop.FromRoute, hop.To.Route);
        }

        var collapsed = new List<CollapsedConnection>();
        foreach (var hop in hops)
        {
            if (hop.From.IsFlowIo) continue;
            var source = (FunctionInstance)hop.From.Owner;
            foreach (var (input, subroute) in Reach(hop.To, hop.Subroute, hop.DeclaredIn, hop.FromRoute))
            {
                var connection = new CollapsedConnection(source, hop.FromInput, hop.From.Index, subroute,
                    (FunctionInstance)input.Owner, input.Index, hop.Name, hop.DeclaredIn);
                if (!ReferenceEquals(input, hop.To))
                {
                    CheckTypes(hop.DeclaredIn, hop.From.Type, subroute, input.Type, hop.From.Route + subroute, input.Route);
                }
                collapsed.Add(connection);
            }
        }
        return collapsed;
    }

    /// <summary>§2.3: an initializer on a sub-flow input becomes a flow initializer on every function input it reaches.</summary>
    public void PropagateFlowInitializers(IEnumerable<FlowInstance> flows)
    {
        foreach (var flow in flows)
        {
            if (flow.Parent is null) continue;
            foreach (var initializer in flow.Initializers)
            {
                int index = FlowLoader.InputIndex(flow.Definition, initializer, flow.Route, flow.Parent.Location.Display);
                var node = flow.InputNodes[index];
                foreach (var (input, subroute) in Reach(node, "", flow.Parent, node.Route))
                {
                    var function = (FunctionInstance)input.Owner;
                    var value = initializer.Initializer;
                    if (subroute.Length > 0)
                    {
                        if (!JsonPointer.TryResolve(value.Value, subroute, out var selected)) continue;
                        value = value with { Value = selected };
                    }
                    function.FlowInitializers[input.Index] = value;
                }
            }
        }
    }

    // Every function input reached from node (a function input itself, or a flow IO to follow).
    private List<(IoNode Input, string Subroute)> Reach(IoNode node, string subroute, FlowInstance declaredIn, string sourceRoute)
    {
        _reached.Clear();
        _path.Clear();
        Follow(node, subroute, declaredIn, sourceRoute);
        return [.. _reached];
    }

    private void Follow(IoNode node, string subroute, FlowInstance declaredIn, string sourceRoute)
    {
        if (node.Kind == IoNodeKind.FunctionInput)
        {
            _reached.Add((node, subroute));
            return;
        }
        if (!_path.Add(node)) return;
        if (node.Outgoing.Count == 0)
        {
            _warning?.Invoke(CompileError.Format(declaredIn.Location.Display,
                $"Connection from '{sourceRoute}' ends at '{node.Route}' and reaches no function; it is dropped"));
        }
        foreach (var hop in node.Outgoing) Follow(hop.To, subroute + hop.Subroute, declaredIn, sourceRoute);
        _path.Remove(node);
    }

    private static void CheckTypes(FlowInstance declaredIn, DataType sourceType, string subroute, DataType destinationType,
        string fromRoute, string toRoute)
    {
        string? error;
        if (TypeChecker.ApplySubroute(sourceType, subroute, out error) is { } source)
        {
            error = TypeChecker.Check(source, destinationType);
        }
        if (error is not null)
        {
            CompileError.Throw(declaredIn.Location.Display, $"{error} in the connection from '{fromRoute}' to '{toRoute}'");
        }
    }
}
