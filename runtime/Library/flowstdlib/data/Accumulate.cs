// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/accumulate</c> (0.142): a null value emits only <c>{"chunk": null}</c>. Otherwise the value
/// is appended to <c>partial</c>; at <c>chunk_size</c> elements or more the array goes out on
/// <c>chunk</c> and <c>partial</c> restarts empty, else the grown array goes out on <c>partial</c>;
/// <c>chunk_size</c> is always re-emitted. A non-u64 chunk_size or non-array partial is an error.
/// </summary>
internal sealed class Accumulate : IFunctionImplementation
{
    public static readonly Accumulate Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value value = inputs[0];
        if (value.IsNull) return JobOutcome.Ok(LibValues.Object("chunk", Value.Null));

        if (!inputs[2].TryGetUInt64(out ulong chunkSize)) return JobOutcome.Fail("Could not get chunk_size");
        if (!inputs[1].IsArray) return JobOutcome.Fail("Could not get partial");

        var partial = inputs[1].ArrayItems;
        var grown = new Value[partial.Length + 1];
        partial.CopyTo(grown);
        grown[^1] = value;
        Value sizeValue = Value.FromUInt64(chunkSize);

        if ((ulong)grown.Length >= chunkSize)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("chunk", Value.FromArray(grown)),
                LibValues.Member("chunk_size", sizeValue),
                LibValues.Member("partial", Value.FromArray([]))));
        }
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("chunk_size", sizeValue),
            LibValues.Member("partial", Value.FromArray(grown))));
    }
}
