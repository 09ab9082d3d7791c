// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Crypto;

/// <summary>HKDF with HMAC-SHA256 (RFC 5869): extract a pseudorandom key, then expand it to the output.</summary>
internal static class Hkdf
{
    public static void DeriveKey(ReadOnlySpan<byte> inputKey, Span<byte> output, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info)
    {
        if (output.Length > 255 * HmacSha256.MacSize) throw new ArgumentOutOfRangeException(nameof(output), "HKDF output is at most 8160 bytes");
        Span<byte> pseudorandomKey = stackalloc byte[HmacSha256.MacSize];
        new HmacSha256(salt).Compute(inputKey, pseudorandomKey);
        var expand = new HmacSha256(pseudorandomKey);

        // T(i) = HMAC(PRK, T(i-1) | info | i): the previous block, the info and the counter make one message.
        Span<byte> message = stackalloc byte[HmacSha256.MacSize + info.Length + 1];
        Span<byte> block = stackalloc byte[HmacSha256.MacSize];
        int previousLength = 0;
        for (int counter = 1, written = 0; written < output.Length; counter++)
        {
            block[..previousLength].CopyTo(message);
            info.CopyTo(message[previousLength..]);
            message[previousLength + info.Length] = (byte)counter;
            expand.Compute(message[..(previousLength + info.Length + 1)], block);
            previousLength = HmacSha256.MacSize;
            int take = Math.Min(block.Length, output.Length - written);
            block[..take].CopyTo(output[written..]);
            written += take;
        }
        pseudorandomKey.Clear();
        block.Clear();
    }
}
