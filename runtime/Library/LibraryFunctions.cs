// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Library.Control;
using Flowr.Runtime.Library.Data;
using Flowr.Runtime.Library.Fmt;
using Flowr.Runtime.Library.Matrix;
using MathLib = Flowr.Runtime.Library.Math;

namespace Flowr.Runtime.Library;

/// <summary>The built-in functions. Library flows (math/range, math/sequence, control/index_f, matrix/multiply) are definitions only.</summary>
internal static class LibraryFunctions
{
    /// <summary>
    /// The function at <paramref name="path"/> (e.g. "math/add"), or null. A switch rather than a table:
    /// a run makes (and runs the static constructors of) only the functions its flow uses, which is
    /// part of a short flow's start-up (bench/README.md, "Start-up").
    /// </summary>
    public static LibraryFunction? Find(string path) => path switch
    {
        "control/compare_switch" => new(CompareSwitch.Instance, 2),
        "control/index" => new(Control.Index.Instance, 4),
        "control/join" => new(Join.Instance, 2),
        "control/route" => new(Route.Instance, 2),
        "control/select" => new(Select.Instance, 3),
        "control/tap" => new(Tap.Instance, 2),

        "data/accumulate" => new(Accumulate.Instance, 3),
        "data/append" => new(Append.Instance, 2),
        "data/array_get" => new(ArrayGet.Instance, 2),
        "data/array_set" => new(ArraySet.Instance, 3),
        "data/avg" => new(Avg.Instance, 3),
        "data/bin_count" => new(BinCount.Instance, 2),
        "data/count" => new(Count.Instance, 2),
        "data/duplicate" => new(Duplicate.Instance, 2),
        "data/enumerate" => new(Enumerate.Instance, 1),
        "data/info" => new(Info.Instance, 1),
        "data/max" => new(Max.Instance, 2),
        "data/min" => new(Min.Instance, 2),
        "data/ordered_split" => new(OrderedSplit.Instance, 2),
        "data/remove" => new(Remove.Instance, 2),
        "data/sort" => new(Sort.Instance, 1),
        "data/split" => new(Split.Instance, 2),
        "data/zip" => new(Zip.Instance, 2),

        "fmt/reverse" => new(Reverse.Instance, 1),
        "fmt/to_json" => new(ToJson.Instance, 1),
        "fmt/to_string" => new(ToStringFunction.Instance, 1),

        "math/add" => new(MathLib.Add.Instance, 2),
        "math/compare" => new(MathLib.Compare.Instance, 2),
        "math/cos" => new(MathLib.Cos.Instance, 1),
        "math/divide" => new(MathLib.Divide.Instance, 2),
        "math/multiply" => new(MathLib.Multiply.Instance, 2),
        "math/range_split" => new(MathLib.RangeSplit.Instance, 1),
        "math/sin" => new(MathLib.Sin.Instance, 1),
        "math/sqrt" => new(MathLib.Sqrt.Instance, 1),
        "math/subtract" => new(MathLib.Subtract.Instance, 2),
        "math/tan" => new(MathLib.Tan.Instance, 1),

        "matrix/compose_matrix" => new(ComposeMatrix.Instance, 2),
        "matrix/duplicate_rows" => new(DuplicateRows.Instance, 2),
        "matrix/multiply_row" => new(MultiplyRow.Instance, 4),
        "matrix/transpose" => new(Transpose.Instance, 1),
        _ => null,
    };
}
