// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>
/// Turns a breakpoint spec into a <see cref="Breakpoint"/>, resolving names against the flow:
/// <c>FUNCTION</c>, <c>FUNCTION/OUTPUT</c>, <c>FUNCTION:INPUT</c>, <c>A-&gt;B</c>, <c>error</c>, <c>idle [FLOW]</c>.
/// </summary>
internal static class BreakpointParser
{
    public static bool TryParse(string spec, FlowNames names, out Breakpoint? breakpoint, out string? error)
    {
        breakpoint = null;
        error = null;
        spec = spec.Trim();
        if (spec == "*")
        {
            error = "To break before every job, step with 's'";
            return false;
        }
        if (spec == "error")
        {
            breakpoint = new Breakpoint.OnError();
            return true;
        }
        if (spec == "idle" || spec.StartsWith("idle ", StringComparison.Ordinal))
        {
            string flow = spec[4..].Trim();
            if (flow.Length == 0 || flow == "*")
            {
                breakpoint = new Breakpoint.OnFlowIdle(null);
                return true;
            }
            if (!names.TryFindFlow(flow, out int flowId, out error)) return false;
            breakpoint = new Breakpoint.OnFlowIdle(flowId);
            return true;
        }
        int arrow = spec.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0) return TryParseBlock(spec[..arrow].Trim(), spec[(arrow + 2)..].Trim(), names, out breakpoint, out error);
        if (names.TryFindFunction(spec, out int id, out string? functionError))
        {
            breakpoint = new Breakpoint.OnFunction(id);
            return true;
        }
        int colon = spec.LastIndexOf(':');
        if (colon > 0)
        {
            if (!names.TryFindFunction(spec[..colon], out id, out error)) return false;
            if (!names.TryFindInput(id, spec[(colon + 1)..], out int input, out error)) return false;
            breakpoint = new Breakpoint.OnInput(id, input);
            return true;
        }
        // FUNCTION/OUTPUT: the longest prefix that names a function is the function.
        for (int slash = spec.LastIndexOf('/'); slash > 0; slash = spec.LastIndexOf('/', slash - 1))
        {
            if (names.TryFindFunction(spec[..slash], out id, out _)) return TryParseOutput(id, spec[(slash + 1)..], names, out breakpoint, out error);
        }
        error = functionError;
        return false;
    }

    private static bool TryParseBlock(string blocked, string blocking, FlowNames names, out Breakpoint? breakpoint, out string? error)
    {
        breakpoint = null;
        error = null;
        int? from = null, to = null;
        if (blocked != "*")
        {
            if (!names.TryFindFunction(blocked, out int id, out error)) return false;
            from = id;
        }
        if (blocking != "*")
        {
            if (!names.TryFindFunction(blocking, out int id, out error)) return false;
            to = id;
        }
        breakpoint = new Breakpoint.OnBlock(from, to);
        return true;
    }

    private static bool TryParseOutput(int id, string output, FlowNames names, out Breakpoint? breakpoint, out string? error)
    {
        breakpoint = null;
        error = null;
        var connections = names[id].OutputConnections;
        string pointer = output.Length == 0 ? "" : "/" + output.Trim('/');
        if (connections.Any(c => c.Source.Kind == ConnectionSourceKind.Output && Breakpoint.OnOutput.Covers(pointer, c.Source.Pointer)))
        {
            breakpoint = new Breakpoint.OnOutput(id, pointer);
            return true;
        }
        if (output.Length > 0 && names.TryFindInput(id, output, out int input, out _)
            && connections.Any(c => c.Source.Kind == ConnectionSourceKind.Input && c.Source.InputIndex == input))
        {
            breakpoint = new Breakpoint.OnOutput(id, "", input);
            return true;
        }
        var known = connections.Select(c => c.Source.Kind == ConnectionSourceKind.Input
                ? names.InputName(id, c.Source.InputIndex) + " (an input passed on)"
                : c.Source.Pointer.Length == 0 ? "'' (the whole output)" : c.Source.Pointer.TrimStart('/'))
            .Distinct().ToList();
        error = known.Count == 0
            ? $"{names.Function(id)} sends nothing anywhere"
            : $"{names.Function(id)} sends nothing from {(output.Length == 0 ? "its output" : $"'{output}'")}; it sends from {string.Join(", ", known)}";
        return false;
    }
}
