// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Control;

/// <summary>
/// <c>control/index</c>: picks the n-th value of a stream. When <c>previous_index</c> is an i64 the
/// job emits <c>index = previous_index + 1</c>, and <c>selected_value</c> when <c>select_index</c> equals
/// it, or (with <c>select_index</c> −1) the previous value when the stream ends with null. Otherwise
/// the output is an empty object, as upstream's.
/// </summary>
internal sealed class Index : IFunctionImplementation
{
    public static readonly Index Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        Value value = inputs[0], previousValue = inputs[1];
        if (!inputs[2].TryGetInt64(out long previousIndex)) return JobOutcome.Ok(Value.FromObject(ValueObject.Empty));

        // Project choice: an index past i64::MAX is an error (upstream would overflow).
        if (previousIndex == long.MaxValue) return JobOutcome.Fail("Index overflow");
        long index = previousIndex + 1;
        Value indexValue = Value.FromInt64(index);

        if (inputs[3].TryGetInt64(out long selectIndex))
        {
            if (selectIndex == -1 && value.IsNull)
            {
                return JobOutcome.Ok(LibValues.Object(
                    LibValues.Member("index", indexValue),
                    LibValues.Member("selected_value", previousValue)));
            }
            if (selectIndex == index)
            {
                return JobOutcome.Ok(LibValues.Object(
                    LibValues.Member("index", indexValue),
                    LibValues.Member("selected_value", value)));
            }
        }
        return JobOutcome.Ok(LibValues.Object("index", indexValue));
    }
}
