// Copyright (c) flowr contributors. MIT licence.
using System.Security.Cryptography;
using Flowr.Runtime.Crypto;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// The keyed handshake (PROTOCOL.md, "Handshake"): each side proves it knows the key with an HMAC over both
/// nonces, under a label of its own role, so a proof can be neither replayed nor reflected; then both derive
/// one frame key per direction from the key and both nonces (HKDF-SHA256). All of it is managed code
/// (runtime/Crypto), so it runs where OpenSSL is missing.
/// </summary>
internal static class HandshakeCrypto
{
    private static ReadOnlySpan<byte> CoordinatorLabel => "flowr v3 coordinator proof"u8;
    private static ReadOnlySpan<byte> ExecutorLabel => "flowr v3 executor proof"u8;
    private static ReadOnlySpan<byte> CoordinatorToExecutorLabel => "flowr v3 frames coordinator to executor"u8;
    private static ReadOnlySpan<byte> ExecutorToCoordinatorLabel => "flowr v3 frames executor to coordinator"u8;

    public static byte[] CoordinatorProof(PresharedKey key, ReadOnlySpan<byte> executorNonce, ReadOnlySpan<byte> coordinatorNonce) =>
        Proof(key, CoordinatorLabel, executorNonce, coordinatorNonce);

    public static byte[] ExecutorProof(PresharedKey key, ReadOnlySpan<byte> executorNonce, ReadOnlySpan<byte> coordinatorNonce) =>
        Proof(key, ExecutorLabel, executorNonce, coordinatorNonce);

    public static bool Verify(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> received) =>
        received.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, received);

    /// <summary>The frame ciphers of one side: <paramref name="coordinator"/> tells which side this is.</summary>
    public static (FrameCipher Sealer, FrameCipher Opener) FrameCiphers(
        PresharedKey key, ReadOnlySpan<byte> executorNonce, ReadOnlySpan<byte> coordinatorNonce, bool coordinator)
    {
        Span<byte> salt = stackalloc byte[executorNonce.Length + coordinatorNonce.Length];
        executorNonce.CopyTo(salt);
        coordinatorNonce.CopyTo(salt[executorNonce.Length..]);
        Span<byte> toExecutor = stackalloc byte[32];
        Span<byte> toCoordinator = stackalloc byte[32];
        Hkdf.DeriveKey(key.Bytes, toExecutor, salt, CoordinatorToExecutorLabel);
        Hkdf.DeriveKey(key.Bytes, toCoordinator, salt, ExecutorToCoordinatorLabel);
        var c2e = new FrameCipher(toExecutor, FrameCipher.CoordinatorToExecutor);
        var e2c = new FrameCipher(toCoordinator, FrameCipher.ExecutorToCoordinator);
        CryptographicOperations.ZeroMemory(toExecutor);
        CryptographicOperations.ZeroMemory(toCoordinator);
        return coordinator ? (c2e, e2c) : (e2c, c2e);
    }

    private static byte[] Proof(PresharedKey key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> executorNonce, ReadOnlySpan<byte> coordinatorNonce)
    {
        Span<byte> message = stackalloc byte[label.Length + executorNonce.Length + coordinatorNonce.Length];
        label.CopyTo(message);
        executorNonce.CopyTo(message[label.Length..]);
        coordinatorNonce.CopyTo(message[(label.Length + executorNonce.Length)..]);
        return HmacSha256.HashData(key.Bytes, message);
    }
}
