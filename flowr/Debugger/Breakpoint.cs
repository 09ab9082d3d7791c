// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Debugger;

/// <summary>A breakpoint; records, so the same spec typed twice is one breakpoint and <c>delete</c> finds it.</summary>
internal abstract record Breakpoint
{
    /// <summary>What it breaks on, in words.</summary>
    public abstract string Describe(FlowNames names);

    /// <summary>Before each job of a function is created.</summary>
    public sealed record OnFunction(int FunctionId) : Breakpoint
    {
        public override string Describe(FlowNames names) => $"function {names.Function(FunctionId)}";
    }

    /// <summary>
    /// Before each value sent from an output of a function: <see cref="Pointer"/> "" is the whole output
    /// and takes in every part of it; or from an input the function passes on (<see cref="ForwardedInput"/> ≥ 0).
    /// </summary>
    public sealed record OnOutput(int FunctionId, string Pointer, int ForwardedInput = -1) : Breakpoint
    {
        public override string Describe(FlowNames names) => ForwardedInput >= 0
            ? $"values {names.Function(FunctionId)} passes on from its input '{names.InputName(FunctionId, ForwardedInput)}'"
            : Pointer.Length == 0 ? $"values sent from the output of {names.Function(FunctionId)}" : $"values sent from output '{Pointer}' of {names.Function(FunctionId)}";

        public bool Matches(int sourceId, ConnectionSource source)
        {
            if (sourceId != FunctionId) return false;
            if (ForwardedInput >= 0) return source.Kind == ConnectionSourceKind.Input && source.InputIndex == ForwardedInput;
            return source.Kind == ConnectionSourceKind.Output && Covers(Pointer, source.Pointer);
        }

        /// <summary>True when <paramref name="pointer"/> is <paramref name="output"/> or a part of it.</summary>
        public static bool Covers(string output, string pointer) =>
            output.Length == 0 || pointer == output || (pointer.StartsWith(output, StringComparison.Ordinal) && pointer[output.Length] == '/');
    }

    /// <summary>Before each value sent to one input of a function.</summary>
    public sealed record OnInput(int FunctionId, int InputIndex) : Breakpoint
    {
        public override string Describe(FlowNames names) => $"values sent to input {names.Input(FunctionId, InputIndex)}";
    }

    /// <summary>When a block is made: <see cref="BlockedId"/> (a sender) held back by <see cref="BlockingId"/>; null = any.</summary>
    public sealed record OnBlock(int? BlockedId, int? BlockingId) : Breakpoint
    {
        public override string Describe(FlowNames names) =>
            $"blocks of {(BlockedId is { } a ? names.Function(a) : "any sender")} by {(BlockingId is { } b ? names.Function(b) : "any function")}";

        public bool Matches(int blocked, int blocking) => (BlockedId ?? blocked) == blocked && (BlockingId ?? blocking) == blocking;
    }

    /// <summary>On every job error.</summary>
    public sealed record OnError : Breakpoint
    {
        public override string Describe(FlowNames names) => "every job error";
    }

    /// <summary>When a flow (or any flow, null) goes idle and releases the senders it blocked.</summary>
    public sealed record OnFlowIdle(int? FlowId) : Breakpoint
    {
        public override string Describe(FlowNames names) => FlowId is { } id ? $"flow {names.Flow(id)} going idle" : "any flow going idle";
    }
}
