// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Crypto;

/// <summary>
/// Random bytes from the kernel's generator. .NET's RandomNumberGenerator goes through OpenSSL on Linux,
/// which is not everywhere flowr runs (see <see cref="Sha256"/>).
/// </summary>
internal static class SecureRandom
{
    public static byte[] GetBytes(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }

    public static void Fill(Span<byte> destination)
    {
        using var urandom = new FileStream("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        while (!destination.IsEmpty)
        {
            int read = urandom.Read(destination);
            if (read <= 0) throw new IOException("/dev/urandom gave no bytes");
            destination = destination[read..];
        }
    }
}
