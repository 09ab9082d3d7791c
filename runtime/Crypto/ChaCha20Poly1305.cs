// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Flowr.Runtime.Crypto;

/// <summary>
/// The ChaCha20-Poly1305 AEAD of RFC 8439, section 2.8, in managed code (see <see cref="Sha256"/> for why).
/// Encrypts and decrypts in place; a tag that does not match leaves the data untouched.
/// </summary>
internal sealed class ChaCha20Poly1305
{
    public const int TagSize = Poly1305.TagSize;
    private readonly uint[] _key = new uint[8];

    public ChaCha20Poly1305(ReadOnlySpan<byte> key)
    {
        if (key.Length != ChaCha20.KeySize) throw new ArgumentException("a ChaCha20-Poly1305 key is 32 bytes", nameof(key));
        for (int i = 0; i < 8; i++) _key[i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
    }

    public void EncryptInPlace(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        ChaCha20.Xor(_key, nonce, 1, data);
        ComputeTag(nonce, data, associatedData, tag);
    }

    /// <summary>False, with <paramref name="data"/> unchanged, when the tag does not authenticate it.</summary>
    public bool TryDecryptInPlace(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        Span<byte> expected = stackalloc byte[TagSize];
        ComputeTag(nonce, data, associatedData, expected);
        if (tag.Length != TagSize || !CryptographicOperations.FixedTimeEquals(expected, tag)) return false;
        ChaCha20.Xor(_key, nonce, 1, data);
        return true;
    }

    public void Clear() => Array.Clear(_key);

    private void ComputeTag(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData, Span<byte> tag)
    {
        // The one-time key is the first 32 bytes of block 0; the MAC covers the padded associated data,
        // the padded ciphertext and both lengths.
        Span<byte> oneTimeKey = stackalloc byte[ChaCha20.BlockSize];
        oneTimeKey.Clear();
        ChaCha20.Xor(_key, nonce, 0, oneTimeKey);
        var mac = new Poly1305(oneTimeKey[..Poly1305.KeySize]);
        oneTimeKey.Clear();
        mac.UpdatePadded(associatedData);
        mac.UpdatePadded(ciphertext);
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(lengths, (ulong)associatedData.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(lengths[8..], (ulong)ciphertext.Length);
        mac.UpdatePadded(lengths);
        mac.Finish(tag);
    }
}
