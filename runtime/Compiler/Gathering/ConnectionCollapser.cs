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
    /// <summary>The manifest's source: <c>Input(index)</c>, or <c>Output("/&lt;output name&gt;/&lt;sub-route&gt;")</c>.</summary>
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
/// Follows connection chains through sub-flow inputs and outputs to function inputs, concatenating
/// sub-routes, propagates sub-flow input initializers the same way, and type-checks every hop and
/// every collapsed pair. What each flow IO leads to is worked out once and kept (<see cref="IoNode.Reach"/>),
/// so collapsing costs the size of the graph plus the size of the result, however deep the nesting
/// and however many connections pass through one IO.
/// </summary>
internal sealed class ConnectionCollapser
{
    private readonly CompilerOptions _options;
    private readonly List<Frame> _frames = [];

    public ConnectionCollapser(CompilerOptions options) => _options = options;

    public List<CollapsedConnection> Collapse(List<ConnectionHop> hops)
    {
        foreach (var hop in hops) CheckTypes(hop, hop.Subroute, hop.To);

        var collapsed = new List<CollapsedConnection>(hops.Count);
        foreach (var hop in hops)
        {
            if (hop.From.IsFlowIo) continue;
            var source = (FunctionInstance)hop.From.Owner;
            if (hop.To.Kind == IoNodeKind.FunctionInput)
            {
                collapsed.Add(new CollapsedConnection(source, hop.FromInput, hop.From.Index, hop.Subroute,
                    (FunctionInstance)hop.To.Owner, hop.To.Index, hop.Name, hop.DeclaredIn));
                continue;
            }
            foreach (var (input, suffix) in ReachOf(hop.To, hop))
            {
                string subroute = Concat(hop.Subroute, suffix);
                CheckTypes(hop, subroute, input);
                collapsed.Add(new CollapsedConnection(source, hop.FromInput, hop.From.Index, subroute,
                    (FunctionInstance)input.Owner, input.Index, hop.Name, hop.DeclaredIn));
            }
        }
        return collapsed;
    }

    /// <summary>An initializer on a sub-flow input becomes a flow initializer on every function input it reaches.</summary>
    public void PropagateFlowInitializers(IEnumerable<FlowInstance> flows)
    {
        foreach (var flow in flows)
        {
            if (flow.Parent is null) continue;
            foreach (var initializer in flow.Initializers)
            {
                int index = FlowLoader.InputIndex(flow, initializer, flow.Parent.Location.Display);
                var node = flow.InputNodes[index];
                if (node.Outgoing.Count == 0)
                {
                    Notice(flow.Location.IsUsers && flow.Parent.Location.IsUsers, CompileError.At(flow.Parent.Location.Display, initializer.Line),
                        $"The initializer of '{node.Route}' reaches no function; it is dropped");
                    continue;
                }
                foreach (var (input, subroute) in ReachOf(node, null))
                {
                    var function = (FunctionInstance)input.Owner;
                    var value = initializer.Initializer;
                    if (subroute.Length > 0)
                    {
                        if (!JsonPointer.TryResolve(value.Value, subroute, out var selected)) continue;
                        value = value with { Value = selected };
                    }
                    InitializerChecker.Check(initializer with { Initializer = value }, input, flow.Parent.Location.Display);
                    function.FlowInitializers[input.Index] = value;
                }
            }
        }
    }

    private static string Concat(string prefix, string suffix) =>
        prefix.Length == 0 ? suffix : suffix.Length == 0 ? prefix : prefix + suffix;

    private sealed class Frame
    {
        public IoNode Node = null!;
        public int NextHop;
        public int Low;
        public string PendingSubroute = "";
        public Reached[]? Shared;
        public List<Reached>? Items;

        public void Add(IoNode input, string subroute) => (Items ??= []).Add(new Reached(input, subroute));

        public void AddAll(Reached[] reached, string prefix)
        {
            // A flow IO that only passes everything on to one other IO shares that IO's result.
            if (prefix.Length == 0 && Shared is null && Items is null && Node.Outgoing.Count == 1)
            {
                Shared = reached;
                return;
            }
            if (Shared is not null)
            {
                Items = [.. Shared];
                Shared = null;
            }
            Items ??= new List<Reached>(reached.Length);
            foreach (var (input, subroute) in reached) Items.Add(new Reached(input, Concat(prefix, subroute)));
        }

        public Reached[] Result() => Shared ?? (Items is null ? [] : [.. Items]);
    }

    // Every function input reached from `start` (a flow IO), in declaration order, depth first. The walk
    // keeps its own stack. A cycle made only of flow IOs contributes nothing where it closes, as a plain
    // depth-first walk would; results that depended on such an open cycle are not kept.
    private Reached[] ReachOf(IoNode start, ConnectionHop? entering)
    {
        if (start.State == ReachState.Done) return start.Reach!;
        if (start.Outgoing.Count == 0) return DeadEnd(start, entering);
        _frames.Clear();
        Push(start);
        Reached[]? result = null;
        while (result is null)
        {
            var frame = _frames[^1];
            var outgoing = frame.Node.Outgoing;
            if (frame.NextHop < outgoing.Count)
            {
                var hop = outgoing[frame.NextHop++];
                var target = hop.To;
                if (target.Kind == IoNodeKind.FunctionInput)
                {
                    frame.Add(target, hop.Subroute);
                }
                else if (target.State == ReachState.Done)
                {
                    frame.AddAll(target.Reach!, hop.Subroute);
                }
                else if (target.State == ReachState.InProgress)
                {
                    frame.Low = Math.Min(frame.Low, target.StackIndex);
                }
                else if (target.Outgoing.Count == 0)
                {
                    DeadEnd(target, hop);
                }
                else
                {
                    frame.PendingSubroute = hop.Subroute;
                    Push(target);
                }
                continue;
            }
            _frames.RemoveAt(_frames.Count - 1);
            var reached = frame.Result();
            bool keep = frame.Low >= frame.Node.StackIndex;
            frame.Node.State = keep ? ReachState.Done : ReachState.Unvisited;
            if (keep) frame.Node.Reach = reached;
            if (_frames.Count == 0)
            {
                result = reached;
                break;
            }
            var parent = _frames[^1];
            parent.AddAll(reached, parent.PendingSubroute);
            parent.Low = Math.Min(parent.Low, frame.Low);
        }
        return result;
    }

    private void Push(IoNode node)
    {
        node.State = ReachState.InProgress;
        node.StackIndex = _frames.Count;
        _frames.Add(new Frame { Node = node, Low = int.MaxValue });
    }

    // A flow IO that connects to nothing: values sent to it go nowhere. It is the user's concern
    // when both the flow that owns the IO and the flow that sends to it are the user's own files;
    // an unused output of a library flow (sequence's "last", say) is not.
    private Reached[] DeadEnd(IoNode node, ConnectionHop? entering)
    {
        node.State = ReachState.Done;
        node.Reach = [];
        if (entering is not null)
        {
            Notice(node.Owner.Location.IsUsers && entering.DeclaredIn.Location.IsUsers, entering.Display,
                $"Connection from '{entering.FromRoute}' ends at '{node.Route}' and reaches no function; it is dropped");
        }
        return [];
    }

    private void Notice(bool users, string at, string message)
    {
        var sink = users ? _options.Warning : _options.Debug;
        sink?.Invoke(CompileError.Format(at, message));
    }

    private static void CheckTypes(ConnectionHop hop, string subroute, IoNode destination)
    {
        string? error;
        if (TypeChecker.ApplySubroute(hop.From.Type, subroute, out error) is { } source)
        {
            error = TypeChecker.Check(source, destination.Type);
        }
        if (error is not null)
        {
            CompileError.Throw(hop.Display, $"{error} in the connection from '{hop.From.Route + subroute}' to '{destination.Route}'");
        }
    }
}
