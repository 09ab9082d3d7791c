// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Files;

// NOTE: the namespace is "Files", not "File": a namespace Flowr.Context.File would hide
// System.IO.File in all code under Flowr.Context.

/// <summary>
/// <c>context://file/file_read</c> (docs/context-functions.md): reads the whole file at <c>path</c>
/// (relative to the working directory) and outputs <c>bytes</c>, <c>string</c> (its UTF-8 decoding,
/// invalid sequences replaced by U+FFFD) and <c>path</c> (upstream's definition declares it). Runs
/// again; on any error: no output and do not run again.
/// </summary>
internal sealed class FileRead : IFunctionImplementation
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs.Length == 0 || !inputs[0].TryGetString(out string? path)) return JobOutcome.NoOutput(runAgain: false);
        byte[] contents;
        try
        {
            contents = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return JobOutcome.NoOutput(runAgain: false);
        }
        var bytes = new Value[contents.Length];
        for (int i = 0; i < contents.Length; i++) bytes[i] = Value.FromUInt64(contents[i]);
        var result = Value.FromObject(
            new("bytes", Value.FromArray(bytes)),
            new("path", Value.FromString(path)),
            new("string", Value.FromString(Utf8.GetString(contents))));
        return JobOutcome.Ok(result, runAgain: true);
    }
}
