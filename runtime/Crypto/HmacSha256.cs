// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Crypto;

/// <summary>
/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads hashed once, so that PBKDF2's many rounds
/// cost two compressions each.
/// </summary>
internal readonly struct HmacSha256
{
    public const int MacSize = Sha256.DigestSize;

    private readonly Sha256 _inner;
    private readonly Sha256 _outer;

    public HmacSha256(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[Sha256.BlockSize];
        block.Clear();
        if (key.Length > Sha256.BlockSize)
        {
            var keyHash = Sha256.Create();
            keyHash.Append(key);
            keyHash.Finish(block);
        }
        else
        {
            key.CopyTo(block);
        }
        for (int i = 0; i < block.Length; i++) block[i] ^= 0x36;
        _inner = Sha256.Create();
        _inner.Append(block);
        for (int i = 0; i < block.Length; i++) block[i] ^= 0x36 ^ 0x5c;
        _outer = Sha256.Create();
        _outer.Append(block);
        block.Clear();
    }

    /// <summary>The MAC of <paramref name="first"/> followed by <paramref name="second"/>, into <paramref name="mac"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> mac)
    {
        Sha256 inner = _inner;
        inner.Append(first);
        inner.Append(second);
        Span<byte> innerDigest = stackalloc byte[Sha256.DigestSize];
        inner.Finish(innerDigest);
        Sha256 outer = _outer;
        outer.Append(innerDigest);
        outer.Finish(mac);
    }

    public void Compute(ReadOnlySpan<byte> message, Span<byte> mac) => Compute(message, [], mac);

    public static byte[] HashData(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        var mac = new byte[MacSize];
        new HmacSha256(key).Compute(message, mac);
        return mac;
    }
}
