// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Logging;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// Puts a sent value on an input, converting between arrays and scalars by the difference of array
/// orders (docs/runtime.md, "Sending a value"). Generic inputs take every value unchanged.
/// </summary>
internal static class ValueDelivery
{
    /// <summary>Enqueues <paramref name="value"/> (or its elements, or it wrapped); false if it was dropped.</summary>
    public static bool Deliver(InputQueue input, in Value value, string destination, bool warn = true)
    {
        if (input.Spec.Generic)
        {
            input.Enqueue(value);
            return true;
        }
        int difference = value.ArrayOrder - input.Spec.ArrayOrder;
        switch (difference)
        {
            case 0:
                input.Enqueue(value);
                return true;
            case 1:
                foreach (var element in value.ArrayItems) input.Enqueue(element);
                return true;
            case 2:
                foreach (var row in value.ArrayItems)
                {
                    // Elements that are not arrays are skipped, as upstream does.
                    foreach (var element in row.ArrayItems) input.Enqueue(element);
                }
                return true;
            case -1:
                input.Enqueue(Value.FromArray([value]));
                return true;
            case -2:
                input.Enqueue(Value.FromArray([Value.FromArray([value])]));
                return true;
            default:
                if (Log.IsEnabled(LogLevel.Warn))
                {
                    if (warn) Log.Warn($"Value of array order {value.ArrayOrder} cannot be sent to '{destination}' of array order {input.Spec.ArrayOrder}: dropped");
                }
                return false;
        }
    }
}
