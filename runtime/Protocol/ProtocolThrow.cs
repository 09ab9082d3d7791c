// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Protocol;

/// <summary>Out-of-line throws keep the codec's hot methods small.</summary>
internal static class ProtocolThrow
{
    [DoesNotReturn]
    public static void Truncated() => throw new ProtocolException("Malformed frame: body ends inside a field");

    [DoesNotReturn]
    public static void Malformed(string reason) => throw new ProtocolException($"Malformed frame: {reason}");

    [DoesNotReturn]
    public static void MessageTooLarge(long length, long limit) =>
        throw new ProtocolException($"Message of {length} bytes is over the limit of {limit}");
}
