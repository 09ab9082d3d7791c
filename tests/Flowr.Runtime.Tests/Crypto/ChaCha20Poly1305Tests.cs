// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Crypto;
using Platform = System.Security.Cryptography.ChaCha20Poly1305;

namespace Flowr.Runtime.Tests.Crypto;

/// <summary>
/// The managed ChaCha20-Poly1305 reproduces RFC 8439's AEAD vector, is byte-for-byte the platform's (OpenSSL)
/// for every length around the block boundaries, and refuses any change to ciphertext, tag, associated data
/// or nonce without touching the data.
/// </summary>
public sealed class ChaCha20Poly1305Tests
{
    [Fact]
    public void The_rfc_8439_section_2_8_2_vector_is_reproduced()
    {
        byte[] key = Convert.FromHexString("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = Convert.FromHexString("070000004041424344454647");
        byte[] aad = Convert.FromHexString("50515253c0c1c2c3c4c5c6c7");
        byte[] data = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it."u8.ToArray();
        byte[] tag = new byte[16];
        new ChaCha20Poly1305(key).EncryptInPlace(nonce, data, tag, aad);
        Assert.Equal(
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
            Convert.ToHexStringLower(data));
        Assert.Equal("1ae10b594f09e26a7e902ecbd0600691", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void Every_length_matches_the_platform_and_opens_again()
    {
        var random = new Random(21);
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        random.NextBytes(key);
        var ours = new ChaCha20Poly1305(key);
        using var platform = new Platform(key);
        foreach (int length in Enumerable.Range(0, 300).Concat([1023, 1024, 1025, 65_536, 1_000_001]))
        {
            random.NextBytes(nonce);
            byte[] aad = new byte[length % 23];
            byte[] plaintext = new byte[length];
            random.NextBytes(aad);
            random.NextBytes(plaintext);

            byte[] expected = new byte[length];
            byte[] expectedTag = new byte[16];
            platform.Encrypt(nonce, plaintext, expected, expectedTag, aad);
            byte[] data = (byte[])plaintext.Clone();
            byte[] tag = new byte[16];
            ours.EncryptInPlace(nonce, data, tag, aad);
            Assert.Equal(expected, data);
            Assert.Equal(expectedTag, tag);

            Assert.True(ours.TryDecryptInPlace(nonce, data, tag, aad));
            Assert.Equal(plaintext, data);
        }
    }

    [Fact]
    public void Any_changed_byte_is_refused_and_leaves_the_data_as_it_was()
    {
        byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        byte[] nonce = new byte[12];
        byte[] aad = [1, 2, 3, 4];
        byte[] data = new byte[40];
        byte[] tag = new byte[16];
        var aead = new ChaCha20Poly1305(key);
        aead.EncryptInPlace(nonce, data, tag, aad);
        byte[] sealedData = (byte[])data.Clone();

        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= 0x01;
            Assert.False(aead.TryDecryptInPlace(nonce, data, tag, aad));
            data[i] ^= 0x01;
            Assert.Equal(sealedData, data);
        }
        for (int i = 0; i < tag.Length; i++)
        {
            tag[i] ^= 0x80;
            Assert.False(aead.TryDecryptInPlace(nonce, data, tag, aad));
            tag[i] ^= 0x80;
        }
        Assert.False(aead.TryDecryptInPlace(nonce, data, tag, [1, 2, 3, 5]));
        Assert.False(aead.TryDecryptInPlace([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], data, tag, aad));
        Assert.True(aead.TryDecryptInPlace(nonce, data, tag, aad));
        Assert.Equal(new byte[40], data);
    }
}
