// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Stdio;

/// <summary>
/// <c>context://stdio/stdin</c> (docs/context-functions.md): reads all of stdin to end of input and trims
/// it. Bytes read: <c>{"string": text, "json": value}</c> (<c>json</c> omitted when the text is not
/// JSON), run again. 0 bytes: <c>{"string": null, "json": null}</c> and do not run again.
/// </summary>
internal sealed class Stdin : IFunctionImplementation
{
    private readonly StdinReader _reader;

    public Stdin(StdinReader reader) => _reader = reader;

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!_reader.TryReadToEnd(out string? text))
        {
            return JobOutcome.Ok(Value.FromObject(new("json", Value.Null), new("string", Value.Null)), runAgain: false);
        }
        return JobOutcome.Ok(TextInput.StringAndJson(text.Trim()), runAgain: true);
    }
}
