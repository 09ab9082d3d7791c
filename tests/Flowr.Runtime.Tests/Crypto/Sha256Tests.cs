// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Wasm;

namespace Flowr.Runtime.Tests.Crypto;

/// <summary>The managed SHA-256 that names modules equals the platform's for every padding case.</summary>
public sealed class Sha256Tests
{
    [Fact]
    public void The_fips_example_digests_are_reproduced()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", WasmModule.HashOf("abc"u8));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", WasmModule.HashOf([]));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            WasmModule.HashOf("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8));
    }

    [Fact]
    public void Appending_in_pieces_of_any_size_gives_the_one_shot_digest()
    {
        var random = new Random(7);
        byte[] data = new byte[1000];
        random.NextBytes(data);
        byte[] expected = System.Security.Cryptography.SHA256.HashData(data);
        for (int piece = 1; piece <= 130; piece++)
        {
            var hash = Flowr.Runtime.Crypto.Sha256.Create();
            for (int offset = 0; offset < data.Length; offset += piece) hash.Append(data.AsSpan(offset, Math.Min(piece, data.Length - offset)));
            byte[] digest = new byte[32];
            hash.Finish(digest);
            Assert.Equal(expected, digest);
        }
    }

    [Fact]
    public void Every_length_around_the_block_boundaries_matches_the_platform()
    {
        var random = new Random(6);
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)), WasmModule.HashOf(data));
        }
        byte[] large = Encoding.ASCII.GetBytes(new string('m', 1_000_003));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(large), Flowr.Runtime.Crypto.Sha256.HashData(large));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(large)), WasmModule.HashOf(large));
    }
}
