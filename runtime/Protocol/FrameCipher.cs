// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using Flowr.Runtime.Crypto;

namespace Flowr.Runtime.Protocol;

/// <summary>
/// Seals or opens the frames of one direction of a connection with ChaCha20-Poly1305 (PROTOCOL.md,
/// "Protected frames"). The nonce is the direction's 4-byte label and a 64-bit frame counter, so a frame
/// that is dropped, replayed, reordered or moved to the other direction does not open. The frame's length
/// prefix is the associated data. Only one thread may use an instance.
/// </summary>
internal sealed class FrameCipher : IDisposable
{
    private readonly ChaCha20Poly1305 _aead;
    private readonly uint _direction;
    private ulong _counter;

    public FrameCipher(ReadOnlySpan<byte> key, uint direction)
    {
        _aead = new ChaCha20Poly1305(key);
        _direction = direction;
    }

    /// <summary>Label of coordinator → executor frames.</summary>
    public const uint CoordinatorToExecutor = 0x666c6f63; // "floc"
    /// <summary>Label of executor → coordinator frames.</summary>
    public const uint ExecutorToCoordinator = 0x666c6f65; // "floe"

    /// <summary>
    /// Seals a frame in place. <paramref name="frame"/> holds 4 bytes for the length, the plaintext (type
    /// byte and body) and 16 bytes for the tag; the length is written, the plaintext becomes ciphertext.
    /// </summary>
    public void SealInPlace(Span<byte> frame)
    {
        int plaintextLength = frame.Length - 4 - ProtocolConstants.TagSize;
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)(plaintextLength + ProtocolConstants.TagSize));
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        Span<byte> plaintext = frame.Slice(4, plaintextLength);
        _aead.EncryptInPlace(nonce, plaintext, frame.Slice(4 + plaintextLength, ProtocolConstants.TagSize), frame[..4]);
    }

    /// <summary>
    /// Opens a sealed frame in place: <paramref name="frame"/> is the length prefix, ciphertext and tag. The
    /// plaintext (type byte and body) is written over the ciphertext. False when it does not authenticate.
    /// </summary>
    public bool TryOpen(Span<byte> frame, out Span<byte> plaintext)
    {
        int length = frame.Length - 4 - ProtocolConstants.TagSize;
        plaintext = frame.Slice(4, length);
        Span<byte> nonce = stackalloc byte[12];
        NextNonce(nonce);
        return _aead.TryDecryptInPlace(nonce, plaintext, frame.Slice(4 + length, ProtocolConstants.TagSize), frame[..4]);
    }

    private void NextNonce(Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, _direction);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], _counter++);
    }

    public void Dispose() => _aead.Clear();
}
