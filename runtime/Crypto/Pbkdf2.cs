// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Runtime.Crypto;

/// <summary>PBKDF2 with HMAC-SHA256 (RFC 8018): stretches a secret so that each guess costs the rounds.</summary>
internal static class Pbkdf2
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int iterations, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var output = new byte[length];
        var prf = new HmacSha256(password);
        Span<byte> blockIndex = stackalloc byte[4];
        Span<byte> u = stackalloc byte[HmacSha256.MacSize];
        Span<byte> sum = stackalloc byte[HmacSha256.MacSize];
        for (int block = 1, written = 0; written < length; block++)
        {
            // U1 = PRF(P, S | INT(i)); Uj = PRF(P, Uj-1); the block is U1 ^ U2 ^ ... ^ Uc.
            BinaryPrimitives.WriteInt32BigEndian(blockIndex, block);
            prf.Compute(salt, blockIndex, u);
            u.CopyTo(sum);
            for (int round = 1; round < iterations; round++)
            {
                prf.Compute(u, u);
                for (int i = 0; i < sum.Length; i++) sum[i] ^= u[i];
            }
            int take = Math.Min(sum.Length, length - written);
            sum[..take].CopyTo(output.AsSpan(written));
            written += take;
        }
        u.Clear();
        sum.Clear();
        return output;
    }
}
