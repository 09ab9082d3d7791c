// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Flowr.Runtime.Crypto;

/// <summary>
/// SHA-256 (FIPS 180-4) in managed code. .NET's hashes and ciphers call OpenSSL's libcrypto at run time on
/// Linux, which a small arm64 machine (or the qemu sysroot the tests use) may lack; module names and the
/// job protocol's keys must work wherever flowr and flowrex run. A value of this type is the running state
/// of one hash: copying it forks the hash, which HMAC uses to start from precomputed pads.
/// </summary>
internal struct Sha256
{
    public const int DigestSize = 32;
    public const int BlockSize = 64;

    private static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    [InlineArray(8)]
    private struct State { private uint _word; }

    [InlineArray(BlockSize)]
    private struct Block { private byte _byte; }

    private State _state;
    private Block _pending;
    private int _pendingLength;
    private ulong _length;

    /// <summary>A hash with nothing appended yet.</summary>
    public static Sha256 Create()
    {
        var hash = default(Sha256);
        ReadOnlySpan<uint> initial = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
        initial.CopyTo(hash._state);
        return hash;
    }

    /// <summary>The 32-byte digest of <paramref name="data"/>.</summary>
    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var digest = new byte[DigestSize];
        var hash = Create();
        hash.Append(data);
        hash.Finish(digest);
        return digest;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        _length += (ulong)data.Length;
        Span<byte> pending = _pending;
        if (_pendingLength > 0)
        {
            int take = Math.Min(BlockSize - _pendingLength, data.Length);
            data[..take].CopyTo(pending[_pendingLength..]);
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < BlockSize) return;
            Compress(_state, pending);
            _pendingLength = 0;
        }
        while (data.Length >= BlockSize)
        {
            Compress(_state, data[..BlockSize]);
            data = data[BlockSize..];
        }
        data.CopyTo(pending);
        _pendingLength = data.Length;
    }

    /// <summary>Pads, writes the digest into <paramref name="digest"/> (32 bytes); the hash is spent.</summary>
    public void Finish(Span<byte> digest)
    {
        // Padding: 0x80, zeros, then the length in bits, big-endian, filling one or two blocks.
        Span<byte> tail = stackalloc byte[2 * BlockSize];
        tail.Clear();
        ((ReadOnlySpan<byte>)_pending)[.._pendingLength].CopyTo(tail);
        tail[_pendingLength] = 0x80;
        int tailLength = _pendingLength < BlockSize - 8 ? BlockSize : 2 * BlockSize;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], _length * 8);
        for (int offset = 0; offset < tailLength; offset += BlockSize) Compress(_state, tail.Slice(offset, BlockSize));
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * i)..], _state[i]);
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (int i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(4 * i)..]);
        for (int i = 16; i < 64; i++)
        {
            uint s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        ReadOnlySpan<uint> k = K;
        for (int i = 0; i < 64; i++)
        {
            uint sum1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            uint choose = (e & f) ^ (~e & g);
            uint t1 = h + sum1 + choose + k[i] + w[i];
            uint sum0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            uint majority = (a & b) ^ (a & c) ^ (b & c);
            uint t2 = sum0 + majority;
            (h, g, f, e, d, c, b, a) = (g, f, e, d + t1, c, b, a, t1 + t2);
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}
