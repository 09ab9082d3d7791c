// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;

namespace Flowr.Mdns.Internal;

internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ThrowArgument(string message) => throw new ArgumentException(message);

    [DoesNotReturn]
    public static void ThrowBufferTooSmall() =>
        throw new InvalidOperationException("The DNS message does not fit in its buffer.");

    [DoesNotReturn]
    public static void ThrowObjectDisposed(string name) => throw new ObjectDisposedException(name);
}
