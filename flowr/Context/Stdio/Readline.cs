// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Stdio;

/// <summary>
/// <c>context://stdio/readline</c> (docs/context-functions.md): writes a non-empty <c>prompt</c> to stdout
/// without a newline and flushes, then reads one line. End of input: no output, do not run again.
/// Otherwise the trimmed line as <c>{"string": line, "json": value}</c>, <c>json</c> omitted when the
/// line is not JSON; run again.
/// </summary>
internal sealed class Readline : IFunctionImplementation
{
    private readonly StdinReader _reader;
    private readonly TextSink _stdout;

    public Readline(StdinReader reader, TextSink stdout)
    {
        _reader = reader;
        _stdout = stdout;
    }

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs.Length > 0 && inputs[0].TryGetString(out string? prompt) && prompt.Length > 0)
        {
            _stdout.WriteAndFlush(prompt);
        }
        if (!_reader.TryReadLine(out string? line)) return JobOutcome.NoOutput(runAgain: false);
        return JobOutcome.Ok(TextInput.StringAndJson(line.Trim()), runAgain: true);
    }
}
