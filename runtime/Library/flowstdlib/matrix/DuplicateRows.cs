// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Matrix;

/// <summary>
/// <c>matrix/duplicate_rows</c>: repeats each row <c>factor</c> times (<c>matrix</c>) and gives the
/// source row index of each output row (<c>row_indexes</c>). A factor ≤ 0 gives empty arrays; a
/// non-array matrix or non-i64 factor is an error.
/// </summary>
internal sealed class DuplicateRows : IFunctionImplementation
{
    public static readonly DuplicateRows Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get matrix");
        if (!inputs[1].TryGetInt64(out long factor)) return JobOutcome.Fail("Could not get factor");
        var rows = inputs[0].ArrayItems;
        long copies = long.Max(factor, 0);
        if (copies > Data.Duplicate.MaxFactor || copies * rows.Length > Data.Duplicate.MaxFactor) return JobOutcome.Fail($"Duplication factor {factor} is too large");

        var matrix = new Value[copies * rows.Length];
        var indexes = new Value[matrix.Length];
        int next = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            for (long i = 0; i < copies; i++)
            {
                matrix[next] = rows[r];
                indexes[next++] = Value.FromInt64(r);
            }
        }
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("matrix", Value.FromArray(matrix)),
            LibValues.Member("row_indexes", Value.FromArray(indexes))));
    }
}
