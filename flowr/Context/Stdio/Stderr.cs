// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Stdio;

/// <summary><c>context://stdio/stderr</c> (docs/context-functions.md): as <see cref="Stdout"/>, to stderr.</summary>
internal sealed class Stderr : IFunctionImplementation
{
    private readonly TextSink _sink;

    public Stderr(TextSink sink) => _sink = sink;

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => Stdout.Print(_sink, inputs);
}
