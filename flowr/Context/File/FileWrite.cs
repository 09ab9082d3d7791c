// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Files;

/// <summary>
/// <c>context://file/file_write</c> (docs/context-functions.md): creates or overwrites <c>filename</c> with
/// <c>bytes</c>. Every element must be an integer 0–255, else the job is an error (as is a failed
/// write). Runs again.
/// </summary>
internal sealed class FileWrite : IFunctionImplementation
{
    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs.Length < 2) return JobOutcome.Fail("file_write needs the inputs 'filename' and 'bytes'");
        if (!inputs[0].TryGetString(out string? filename)) return JobOutcome.Fail("file_write: 'filename' is not a string");
        if (!inputs[1].IsArray) return JobOutcome.Fail("file_write: 'bytes' is not an array");

        ReadOnlySpan<Value> items = inputs[1].ArrayItems;
        var bytes = new byte[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            if (!items[i].TryGetUInt64(out ulong item) || item > byte.MaxValue)
            {
                return JobOutcome.Fail($"file_write: element {i} of 'bytes' is not an integer 0-255");
            }
            bytes[i] = (byte)item;
        }
        try
        {
            File.WriteAllBytes(filename, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return JobOutcome.Fail($"file_write: could not write '{filename}': {e.Message}");
        }
        return JobOutcome.NoOutput(runAgain: true);
    }
}
