// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Matrix;

/// <summary>
/// <c>matrix/compose_matrix</c>: builds a matrix element by element. <c>partial</c> is a matrix whose
/// free cells are null; the element goes into the first null (row by row). If nulls remain the new
/// matrix goes out on <c>partial</c> (for loopback), else on <c>matrix</c>. A non-array partial or
/// row is an error.
/// </summary>
internal sealed class ComposeMatrix : IFunctionImplementation
{
    public static readonly ComposeMatrix Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value element = inputs[0];
        if (!inputs[1].IsArray) return JobOutcome.Fail("Could not get partial");

        var rows = inputs[1].ArrayItems;
        var newMatrix = new Value[rows.Length];
        bool added = false, full = true;
        for (int r = 0; r < rows.Length; r++)
        {
            if (!rows[r].IsArray) return JobOutcome.Fail("Could not get row");
            var row = rows[r].ArrayItems.ToArray();
            for (int c = 0; c < row.Length; c++)
            {
                if (!row[c].IsNull) continue;
                if (added) full = false;
                else
                {
                    row[c] = element;
                    added = true;
                }
            }
            newMatrix[r] = Value.FromArray(row);
        }
        return JobOutcome.Ok(LibValues.Object(full ? "matrix" : "partial", Value.FromArray(newMatrix)));
    }
}
