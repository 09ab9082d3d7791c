// Copyright (c) flowr contributors. MIT licence.
using System.Buffers;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// Byte arrays for frames: small ones come from the shared pool; big ones (a large value's message) are
/// plain arrays the GC takes back, so a process that once moved a 200 MB value does not keep it pooled.
/// </summary>
internal static class ByteBuffers
{
    /// <summary>Arrays up to this size are pooled.</summary>
    public const int PooledLimit = 1024 * 1024;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= PooledLimit ? ArrayPool<byte>.Shared.Rent(minimumLength) : GC.AllocateUninitializedArray<byte>(minimumLength);

    public static void Return(byte[] array)
    {
        if (array.Length is > 0 and <= PooledLimit) ArrayPool<byte>.Shared.Return(array);
    }

    /// <summary>A bigger array holding the first <paramref name="used"/> bytes of <paramref name="array"/>, which is returned.</summary>
    public static byte[] Grow(byte[] array, int used, long wanted, long limit)
    {
        long size = Math.Min(Math.Max((long)array.Length * 2, wanted), limit);
        if (size < wanted) ProtocolThrow.MessageTooLarge(wanted, limit);
        byte[] bigger = Rent((int)size);
        array.AsSpan(0, used).CopyTo(bigger);
        Return(array);
        return bigger;
    }
}
