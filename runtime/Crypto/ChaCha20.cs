// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Flowr.Runtime.Crypto;

/// <summary>The ChaCha20 stream cipher of RFC 8439 (32-byte key, 96-bit nonce, 32-bit block counter).</summary>
internal static class ChaCha20
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int BlockSize = 64;

    /// <summary>
    /// XORs <paramref name="data"/> in place with the key stream that starts at block <paramref name="counter"/>.
    /// </summary>
    public static void Xor(ReadOnlySpan<uint> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> data)
    {
        Span<uint> input = stackalloc uint[16];
        input[0] = 0x61707865; // "expand 32-byte k"
        input[1] = 0x3320646e;
        input[2] = 0x79622d32;
        input[3] = 0x6b206574;
        key[..8].CopyTo(input[4..]);
        input[13] = BinaryPrimitives.ReadUInt32LittleEndian(nonce);
        input[14] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]);
        input[15] = BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]);

        Span<uint> stream = stackalloc uint[16];
        Span<byte> streamBytes = MemoryMarshal.AsBytes(stream);
        while (!data.IsEmpty)
        {
            input[12] = counter++;
            Block(input, stream);
            int length = Math.Min(BlockSize, data.Length);
            if (length == BlockSize && BitConverter.IsLittleEndian)
            {
                Span<ulong> words = MemoryMarshal.Cast<byte, ulong>(data[..BlockSize]);
                ReadOnlySpan<ulong> streamWords = MemoryMarshal.Cast<uint, ulong>(stream);
                for (int i = 0; i < 8; i++) words[i] ^= streamWords[i];
            }
            else
            {
                if (!BitConverter.IsLittleEndian)
                {
                    for (int i = 0; i < 16; i++) stream[i] = BinaryPrimitives.ReverseEndianness(stream[i]);
                }
                for (int i = 0; i < length; i++) data[i] ^= streamBytes[i];
            }
            data = data[length..];
        }
        stream.Clear();
        input.Clear();
    }

    /// <summary>One block of key stream as 16 words (serialize little-endian to get the bytes).</summary>
    private static void Block(ReadOnlySpan<uint> input, Span<uint> output)
    {
        uint x0 = input[0], x1 = input[1], x2 = input[2], x3 = input[3];
        uint x4 = input[4], x5 = input[5], x6 = input[6], x7 = input[7];
        uint x8 = input[8], x9 = input[9], x10 = input[10], x11 = input[11];
        uint x12 = input[12], x13 = input[13], x14 = input[14], x15 = input[15];
        for (int round = 0; round < 10; round++)
        {
            QuarterRound(ref x0, ref x4, ref x8, ref x12);
            QuarterRound(ref x1, ref x5, ref x9, ref x13);
            QuarterRound(ref x2, ref x6, ref x10, ref x14);
            QuarterRound(ref x3, ref x7, ref x11, ref x15);
            QuarterRound(ref x0, ref x5, ref x10, ref x15);
            QuarterRound(ref x1, ref x6, ref x11, ref x12);
            QuarterRound(ref x2, ref x7, ref x8, ref x13);
            QuarterRound(ref x3, ref x4, ref x9, ref x14);
        }
        output[0] = x0 + input[0]; output[1] = x1 + input[1]; output[2] = x2 + input[2]; output[3] = x3 + input[3];
        output[4] = x4 + input[4]; output[5] = x5 + input[5]; output[6] = x6 + input[6]; output[7] = x7 + input[7];
        output[8] = x8 + input[8]; output[9] = x9 + input[9]; output[10] = x10 + input[10]; output[11] = x11 + input[11];
        output[12] = x12 + input[12]; output[13] = x13 + input[13]; output[14] = x14 + input[14]; output[15] = x15 + input[15];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void QuarterRound(ref uint a, ref uint b, ref uint c, ref uint d)
    {
        a += b; d = BitOperations.RotateLeft(d ^ a, 16);
        c += d; b = BitOperations.RotateLeft(b ^ c, 12);
        a += b; d = BitOperations.RotateLeft(d ^ a, 8);
        c += d; b = BitOperations.RotateLeft(b ^ c, 7);
    }
}
