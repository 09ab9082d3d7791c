// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Runtime.Crypto;

/// <summary>
/// The Poly1305 one-time authenticator of RFC 8439, in five 26-bit limbs so that every product fits in 64
/// bits. Only whole 16-byte blocks are taken: the AEAD pads each part to 16 bytes itself.
/// </summary>
internal struct Poly1305
{
    public const int KeySize = 32;
    public const int TagSize = 16;
    private const uint Mask26 = 0x3ffffff;

    private readonly uint _r0, _r1, _r2, _r3, _r4;
    private readonly uint _s1, _s2, _s3, _s4;
    private readonly uint _pad0, _pad1, _pad2, _pad3;
    private uint _h0, _h1, _h2, _h3, _h4;

    public Poly1305(ReadOnlySpan<byte> key)
    {
        // r is clamped as the RFC says (top four bits of bytes 3, 7, 11, 15 and bottom two of 4, 8, 12 cleared).
        _r0 = BinaryPrimitives.ReadUInt32LittleEndian(key) & 0x3ffffff;
        _r1 = (BinaryPrimitives.ReadUInt32LittleEndian(key[3..]) >> 2) & 0x3ffff03;
        _r2 = (BinaryPrimitives.ReadUInt32LittleEndian(key[6..]) >> 4) & 0x3ffc0ff;
        _r3 = (BinaryPrimitives.ReadUInt32LittleEndian(key[9..]) >> 6) & 0x3f03fff;
        _r4 = (BinaryPrimitives.ReadUInt32LittleEndian(key[12..]) >> 8) & 0x00fffff;
        _s1 = _r1 * 5; _s2 = _r2 * 5; _s3 = _r3 * 5; _s4 = _r4 * 5;
        _pad0 = BinaryPrimitives.ReadUInt32LittleEndian(key[16..]);
        _pad1 = BinaryPrimitives.ReadUInt32LittleEndian(key[20..]);
        _pad2 = BinaryPrimitives.ReadUInt32LittleEndian(key[24..]);
        _pad3 = BinaryPrimitives.ReadUInt32LittleEndian(key[28..]);
    }

    /// <summary>Takes <paramref name="data"/> zero-padded to a multiple of 16 bytes.</summary>
    public void UpdatePadded(ReadOnlySpan<byte> data)
    {
        while (data.Length >= 16)
        {
            Block(data[..16]);
            data = data[16..];
        }
        if (!data.IsEmpty)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data.CopyTo(last);
            Block(last);
        }
    }

    private void Block(ReadOnlySpan<byte> m)
    {
        // h += m (with the 2^128 bit every whole block carries), then h *= r modulo 2^130 - 5.
        ulong h0 = _h0 + (BinaryPrimitives.ReadUInt32LittleEndian(m) & Mask26);
        ulong h1 = _h1 + ((BinaryPrimitives.ReadUInt32LittleEndian(m[3..]) >> 2) & Mask26);
        ulong h2 = _h2 + ((BinaryPrimitives.ReadUInt32LittleEndian(m[6..]) >> 4) & Mask26);
        ulong h3 = _h3 + ((BinaryPrimitives.ReadUInt32LittleEndian(m[9..]) >> 6) & Mask26);
        ulong h4 = _h4 + ((BinaryPrimitives.ReadUInt32LittleEndian(m[12..]) >> 8) | (1u << 24));

        ulong d0 = h0 * _r0 + h1 * _s4 + h2 * _s3 + h3 * _s2 + h4 * _s1;
        ulong d1 = h0 * _r1 + h1 * _r0 + h2 * _s4 + h3 * _s3 + h4 * _s2;
        ulong d2 = h0 * _r2 + h1 * _r1 + h2 * _r0 + h3 * _s4 + h4 * _s3;
        ulong d3 = h0 * _r3 + h1 * _r2 + h2 * _r1 + h3 * _r0 + h4 * _s4;
        ulong d4 = h0 * _r4 + h1 * _r3 + h2 * _r2 + h3 * _r1 + h4 * _r0;

        ulong carry = d0 >> 26; h0 = d0 & Mask26;
        d1 += carry; carry = d1 >> 26; h1 = d1 & Mask26;
        d2 += carry; carry = d2 >> 26; h2 = d2 & Mask26;
        d3 += carry; carry = d3 >> 26; h3 = d3 & Mask26;
        d4 += carry; carry = d4 >> 26; h4 = d4 & Mask26;
        h0 += carry * 5; carry = h0 >> 26; h0 &= Mask26;
        h1 += carry;

        _h0 = (uint)h0; _h1 = (uint)h1; _h2 = (uint)h2; _h3 = (uint)h3; _h4 = (uint)h4;
    }

    /// <summary>Writes the 16-byte tag; the authenticator is spent.</summary>
    public readonly void Finish(Span<byte> tag)
    {
        uint h0 = _h0, h1 = _h1, h2 = _h2, h3 = _h3, h4 = _h4;
        uint carry = h1 >> 26; h1 &= Mask26;
        h2 += carry; carry = h2 >> 26; h2 &= Mask26;
        h3 += carry; carry = h3 >> 26; h3 &= Mask26;
        h4 += carry; carry = h4 >> 26; h4 &= Mask26;
        h0 += carry * 5; carry = h0 >> 26; h0 &= Mask26;
        h1 += carry;

        // g = h + 5 - 2^130; keep g when it did not go negative (h >= p), chosen without branching.
        uint g0 = h0 + 5; carry = g0 >> 26; g0 &= Mask26;
        uint g1 = h1 + carry; carry = g1 >> 26; g1 &= Mask26;
        uint g2 = h2 + carry; carry = g2 >> 26; g2 &= Mask26;
        uint g3 = h3 + carry; carry = g3 >> 26; g3 &= Mask26;
        uint g4 = h4 + carry - (1u << 26);
        uint keepG = (g4 >> 31) - 1;
        uint keepH = ~keepG;
        h0 = (h0 & keepH) | (g0 & keepG);
        h1 = (h1 & keepH) | (g1 & keepG);
        h2 = (h2 & keepH) | (g2 & keepG);
        h3 = (h3 & keepH) | (g3 & keepG);
        h4 = (h4 & keepH) | (g4 & keepG);

        // h modulo 2^128 in four 32-bit words, plus the pad.
        uint w0 = h0 | (h1 << 26);
        uint w1 = (h1 >> 6) | (h2 << 20);
        uint w2 = (h2 >> 12) | (h3 << 14);
        uint w3 = (h3 >> 18) | (h4 << 8);
        ulong f = (ulong)w0 + _pad0; BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)f);
        f = (ulong)w1 + _pad1 + (f >> 32); BinaryPrimitives.WriteUInt32LittleEndian(tag[4..], (uint)f);
        f = (ulong)w2 + _pad2 + (f >> 32); BinaryPrimitives.WriteUInt32LittleEndian(tag[8..], (uint)f);
        f = (ulong)w3 + _pad3 + (f >> 32); BinaryPrimitives.WriteUInt32LittleEndian(tag[12..], (uint)f);
    }
}
