// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Matrix;

/// <summary>
/// <c>matrix/transpose</c>: rows become columns (<c>matrix</c>), with the index of each new row
/// (<c>column_indexes</c>). The width is the first row's. Project choices: an empty matrix gives empty
/// outputs (upstream errors); a non-array matrix or row, or a row shorter than the first, is an error.
/// </summary>
internal sealed class Transpose : IFunctionImplementation
{
    public static readonly Transpose Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].IsArray) return JobOutcome.Fail("Could not get array");
        var rows = inputs[0].ArrayItems;
        if (rows.Length == 0)
        {
            return JobOutcome.Ok(LibValues.Object(
                LibValues.Member("column_indexes", Value.FromArray([])),
                LibValues.Member("matrix", Value.FromArray([]))));
        }
        if (!rows[0].IsArray) return JobOutcome.Fail("Could not get row");
        int columns = rows[0].ArrayLength;

        var newRows = new Value[columns];
        var indexes = new Value[columns];
        for (int c = 0; c < columns; c++)
        {
            var newRow = new Value[rows.Length];
            for (int r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                if (!row.IsArray) return JobOutcome.Fail("Could not get row");
                if (c >= row.ArrayLength) return JobOutcome.Fail("Could not get element");
                newRow[r] = row.ArrayItems[c];
            }
            newRows[c] = Value.FromArray(newRow);
            indexes[c] = Value.FromInt64(c);
        }
        return JobOutcome.Ok(LibValues.Object(
            LibValues.Member("column_indexes", Value.FromArray(indexes)),
            LibValues.Member("matrix", Value.FromArray(newRows))));
    }
}
