// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Stdio;

/// <summary>
/// <c>context://stdio/stdout</c> (docs/context-functions.md): prints its one input and a newline, then
/// flushes; <c>null</c> prints nothing. Always runs again. With a second input (Era B
/// <c>stdio/stdout_format</c>: <c>value</c>, <c>format</c>) the first <c>{}</c> of the format string
/// is replaced by the printed value.
/// </summary>
internal sealed class Stdout : IFunctionImplementation
{
    private readonly TextSink _sink;

    public Stdout(TextSink sink) => _sink = sink;

    public JobOutcome Run(ReadOnlySpan<Value> inputs) => Print(_sink, inputs);

    internal static JobOutcome Print(TextSink sink, ReadOnlySpan<Value> inputs)
    {
        if (inputs.Length == 0) return JobOutcome.Fail("Could not get 'value' input");
        string? format = inputs.Length > 1 && inputs[1].TryGetString(out string? text) ? text : null;
        sink.WriteLine(inputs[0], format);
        return JobOutcome.NoOutput(runAgain: true);
    }
}
