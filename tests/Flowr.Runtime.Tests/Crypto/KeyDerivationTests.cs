// Copyright (c) flowr contributors. MIT licence.
using System.Security.Cryptography;
using System.Text;
using Flowr.Runtime.Crypto;

namespace Flowr.Runtime.Tests.Crypto;

/// <summary>
/// The managed HMAC, HKDF and PBKDF2 reproduce their RFCs' published vectors and agree with the platform's
/// (OpenSSL) implementations for keys and messages of every size around the block boundaries.
/// </summary>
public sealed class KeyDerivationTests
{
    [Theory]
    // RFC 4231, test cases 1, 2 and 6 (131 bytes of 0xaa: a key longer than a block).
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("aa*131",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Hmac_reproduces_rfc_4231(string key, string message, string mac)
    {
        byte[] keyBytes = key == "aa*131" ? Enumerable.Repeat((byte)0xaa, 131).ToArray() : Convert.FromHexString(key);
        Assert.Equal(mac, Convert.ToHexStringLower(HmacSha256.HashData(keyBytes, Convert.FromHexString(message))));
    }

    [Fact]
    public void Hmac_agrees_with_the_platform_for_every_key_and_message_size()
    {
        var random = new Random(11);
        for (int keyLength = 0; keyLength <= 140; keyLength += 7)
        {
            for (int messageLength = 0; messageLength <= 200; messageLength += 13)
            {
                byte[] key = new byte[keyLength];
                byte[] message = new byte[messageLength];
                random.NextBytes(key);
                random.NextBytes(message);
                Assert.Equal(HMACSHA256.HashData(key, message), HmacSha256.HashData(key, message));
            }
        }
    }

    [Fact]
    public void Hkdf_reproduces_rfc_5869_case_1_and_agrees_with_the_platform()
    {
        byte[] ikm = Convert.FromHexString("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = Convert.FromHexString("000102030405060708090a0b0c");
        byte[] info = Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9");
        byte[] okm = new byte[42];
        Hkdf.DeriveKey(ikm, okm, salt, info);
        Assert.Equal("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Convert.ToHexStringLower(okm));

        var random = new Random(12);
        foreach (int length in new[] { 1, 31, 32, 33, 64, 100, 255 })
        {
            random.NextBytes(ikm);
            byte[] ours = new byte[length];
            byte[] platform = new byte[length];
            Hkdf.DeriveKey(ikm, ours, [], info);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, platform, [], info);
            Assert.Equal(platform, ours);
        }
    }

    [Fact]
    public void Pbkdf2_reproduces_rfc_7914_and_agrees_with_the_platform()
    {
        Assert.Equal(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
            Convert.ToHexStringLower(Pbkdf2.DeriveKey("passwd"u8, "salt"u8, 1, 64)));
        byte[] password = Encoding.UTF8.GetBytes("a secret of some length");
        byte[] salt = "flowr job protocol v3 key"u8.ToArray();
        foreach (var (iterations, length) in new[] { (1, 32), (2, 33), (1000, 32), (4096, 70) })
        {
            Assert.Equal(
                Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, length),
                Pbkdf2.DeriveKey(password, salt, iterations, length));
        }
    }

    [Fact]
    public void Secure_random_bytes_differ_between_calls()
    {
        Assert.NotEqual(SecureRandom.GetBytes(32), SecureRandom.GetBytes(32));
        Assert.Equal(100_000, SecureRandom.GetBytes(100_000).Length);
    }
}
