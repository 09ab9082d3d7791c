// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Model;

/// <summary>Where an output connection takes its value from.</summary>
public enum ConnectionSourceKind : byte
{
    /// <summary>A part of the job's output selected by a JSON Pointer ("" = the whole output).</summary>
    Output,
    /// <summary>The value the job took from one of its own inputs.</summary>
    Input,
}

/// <summary>
/// The source of an output connection: <c>Output("/route")</c> or <c>Input(index)</c>.
/// The default (<c>Output("")</c>) is the whole default output.
/// </summary>
public readonly record struct ConnectionSource(ConnectionSourceKind Kind, string Pointer, int InputIndex)
{
    public static ConnectionSource WholeOutput => new(ConnectionSourceKind.Output, "", 0);
    public static ConnectionSource FromOutput(string pointer) => new(ConnectionSourceKind.Output, pointer, 0);
    public static ConnectionSource FromInput(int index) => new(ConnectionSourceKind.Input, "", index);
    public bool IsWholeOutput => Kind == ConnectionSourceKind.Output && Pointer.Length == 0;
}

/// <summary>A connection from a function to one input of another (or the same) function.</summary>
public sealed class OutputConnection
{
    public ConnectionSource Source { get; init; } = ConnectionSource.WholeOutput;
    public required int DestinationId { get; init; }
    public required int DestinationIo { get; init; }
    public required int DestinationFlowId { get; init; }

    /// <summary>Route of the destination input (debug information; may be empty).</summary>
    public string DestinationRoute { get; init; } = "";

    /// <summary>The connection's name (debug information; may be empty).</summary>
    public string Name { get; init; } = "";
}
