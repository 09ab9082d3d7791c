// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;

namespace Flowr.Runtime.Compiler.Definitions;

/// <summary>An <c>[[input]]</c> or <c>[[output]]</c> entry (at <paramref name="Line"/>); an empty name is the default IO.</summary>
internal sealed record IoDefinition(string Name, DataType Type, int Line);

/// <summary>An <c>input.&lt;name&gt; = { once | always = value }</c> on a process reference.</summary>
internal sealed record InitializerDefinition(string InputName, InputInitializer Initializer, int Line);

/// <summary>A <c>[[process]]</c> entry.</summary>
internal sealed record ProcessReference(string Source, string? Alias, IReadOnlyList<InitializerDefinition> Initializers, int Line);

/// <summary>A <c>[[connection]]</c> entry; <c>to</c> may list several destinations.</summary>
internal sealed record ConnectionDefinition(string From, IReadOnlyList<string> To, string Name, int Line);

/// <summary>A parsed definition file: a flow or a function.</summary>
internal abstract class Definition
{
    protected Definition(string name, string file, IReadOnlyList<IoDefinition> inputs, IReadOnlyList<IoDefinition> outputs)
    {
        Name = name;
        File = file;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The <c>flow</c> or <c>function</c> name: the default alias.</summary>
    public string Name { get; }

    /// <summary>The file it was read from, as shown in messages.</summary>
    public string File { get; }

    public IReadOnlyList<IoDefinition> Inputs { get; }

    public IReadOnlyList<IoDefinition> Outputs { get; }

    /// <summary>Index of the IO named <paramref name="name"/> ("" = the default IO), or −1.</summary>
    public static int IndexOf(IReadOnlyList<IoDefinition> ios, string name)
    {
        for (int i = 0; i < ios.Count; i++)
        {
            if (string.Equals(ios[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}

/// <summary>A <c>function = "name"</c> definition.</summary>
internal sealed class FunctionDefinition : Definition
{
    public FunctionDefinition(string name, string file, IReadOnlyList<IoDefinition> inputs, IReadOnlyList<IoDefinition> outputs,
        string? source, int sourceLine, bool impure)
        : base(name, file, inputs, outputs)
    {
        Source = source;
        SourceLine = sourceLine;
        Impure = impure;
    }

    /// <summary>The implementation file named by <c>source</c>, relative to the definition.</summary>
    public string? Source { get; }

    /// <summary>The line of the <c>source</c> key (0 when absent).</summary>
    public int SourceLine { get; }

    /// <summary><c>impure = true</c>: a context function.</summary>
    public bool Impure { get; }
}

/// <summary>A <c>flow = "name"</c> definition.</summary>
internal sealed class FlowDefinition : Definition
{
    public FlowDefinition(string name, string file, IReadOnlyList<IoDefinition> inputs, IReadOnlyList<IoDefinition> outputs,
        FlowMetadata metadata, IReadOnlyList<ProcessReference> processes, IReadOnlyList<ConnectionDefinition> connections)
        : base(name, file, inputs, outputs)
    {
        Metadata = metadata;
        Processes = processes;
        Connections = connections;
    }

    public FlowMetadata Metadata { get; }

    public IReadOnlyList<ProcessReference> Processes { get; }

    public IReadOnlyList<ConnectionDefinition> Connections { get; }

    private HashSet<string>? _destinations;

    /// <summary>Whether some connection of this flow is written to <paramref name="destination"/> (indexed on first use).</summary>
    public bool HasDestination(string destination)
    {
        if (_destinations is null)
        {
            var destinations = new HashSet<string>(StringComparer.Ordinal);
            foreach (var connection in Connections)
            {
                foreach (string to in connection.To) destinations.Add(to);
            }
            _destinations = destinations;
        }
        return _destinations.Contains(destination);
    }
}
