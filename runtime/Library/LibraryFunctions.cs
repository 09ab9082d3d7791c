// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Library.Control;
using Flowr.Runtime.Library.Data;
using Flowr.Runtime.Library.Fmt;
using Flowr.Runtime.Library.Matrix;
using MathLib = Flowr.Runtime.Library.Math;

namespace Flowr.Runtime.Library;

/// <summary>The table of built-in functions. Library flows (math/range, math/sequence, control/index_f, matrix/multiply) are definitions only.</summary>
internal static class LibraryFunctions
{
    public static readonly LibraryFunction[] All =
    [
        new("control/compare_switch", CompareSwitch.Instance, 2),
        new("control/index", Control.Index.Instance, 4),
        new("control/join", Join.Instance, 2),
        new("control/route", Route.Instance, 2),
        new("control/select", Select.Instance, 3),
        new("control/tap", Tap.Instance, 2),

        new("data/accumulate", Accumulate.Instance, 3),
        new("data/append", Append.Instance, 2),
        new("data/array_get", ArrayGet.Instance, 2),
        new("data/array_set", ArraySet.Instance, 3),
        new("data/avg", Avg.Instance, 3),
        new("data/bin_count", BinCount.Instance, 2),
        new("data/count", Count.Instance, 2),
        new("data/duplicate", Duplicate.Instance, 2),
        new("data/enumerate", Enumerate.Instance, 1),
        new("data/info", Info.Instance, 1),
        new("data/max", Max.Instance, 2),
        new("data/min", Min.Instance, 2),
        new("data/ordered_split", OrderedSplit.Instance, 2),
        new("data/remove", Remove.Instance, 2),
        new("data/sort", Sort.Instance, 1),
        new("data/split", Split.Instance, 2),
        new("data/zip", Zip.Instance, 2),

        new("fmt/reverse", Reverse.Instance, 1),
        new("fmt/to_json", ToJson.Instance, 1),
        new("fmt/to_string", ToStringFunction.Instance, 1),

        new("math/add", MathLib.Add.Instance, 2),
        new("math/compare", MathLib.Compare.Instance, 2),
        new("math/cos", MathLib.Cos.Instance, 1),
        new("math/divide", MathLib.Divide.Instance, 2),
        new("math/multiply", MathLib.Multiply.Instance, 2),
        new("math/range_split", MathLib.RangeSplit.Instance, 1),
        new("math/sin", MathLib.Sin.Instance, 1),
        new("math/sqrt", MathLib.Sqrt.Instance, 1),
        new("math/subtract", MathLib.Subtract.Instance, 2),
        new("math/tan", MathLib.Tan.Instance, 1),

        new("matrix/compose_matrix", ComposeMatrix.Instance, 2),
        new("matrix/duplicate_rows", DuplicateRows.Instance, 2),
        new("matrix/multiply_row", MultiplyRow.Instance, 4),
        new("matrix/transpose", Transpose.Instance, 1),
    ];
}
