// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Crypto;
using System.Text;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// The secret flowr and its executors share (PROTOCOL.md, "Handshake"). The text the user gives is stretched
/// with PBKDF2 once per process, so that a captured handshake costs an attacker that much work per guess;
/// keys too short to resist guessing at all are refused.
/// </summary>
public sealed class PresharedKey
{
    /// <summary>Shortest secret accepted, in characters.</summary>
    public const int MinimumLength = 12;

    /// <summary>PBKDF2-SHA256 rounds: about 30 ms on a 2.8 GHz x64 core.</summary>
    internal const int StretchIterations = 60_000;

    private static readonly byte[] Salt = "flowr job protocol v3 key"u8.ToArray();
    private readonly byte[] _key;

    private PresharedKey(byte[] key) => _key = key;

    /// <summary>The stretched key (32 bytes).</summary>
    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Stretches <paramref name="secret"/>; throws <see cref="ArgumentException"/> with a reason when it is unusable.</summary>
    public static PresharedKey FromSecret(string secret, string source)
    {
        string trimmed = secret.Trim();
        if (trimmed.Length < MinimumLength)
        {
            throw new ArgumentException(
                $"the key from {source} has {trimmed.Length} character(s); at least {MinimumLength} are needed (`flowr --gen-key` prints a random one)");
        }
        return new PresharedKey(Pbkdf2.DeriveKey(Encoding.UTF8.GetBytes(trimmed), Salt, StretchIterations, 32));
    }

    /// <summary>A new random key as text: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string Generate() =>
        Convert.ToBase64String(SecureRandom.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
