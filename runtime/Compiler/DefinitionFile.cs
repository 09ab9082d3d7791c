// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// Reads definition files from disk with a size limit, so that a reference to something endless
/// (<c>source = "/dev/zero"</c>) or huge is an error instead of exhausting memory.
/// </summary>
public static class DefinitionFile
{
    /// <summary>The largest definition file read: 64 MiB, room for flows of several hundred thousand processes.</summary>
    public const int MaximumBytes = 64 * 1024 * 1024;

    /// <summary>The text of <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="IOException">The file is larger than <see cref="MaximumBytes"/>, or cannot be read.</exception>
    public static string ReadAllText(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = RandomAccess.GetLength(handle);
        if (length > MaximumBytes) throw TooLarge();
        // A regular file is read to its length; devices and pipes report none and are read in chunks
        // until they end or reach the limit.
        var buffer = new byte[length > 0 ? length : 64 * 1024];
        int total = 0;
        while (length == 0 || total < length)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > MaximumBytes) throw TooLarge();
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, MaximumBytes + 1L));
            }
            int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (read == 0) break;
            total += read;
            if (total > MaximumBytes) throw TooLarge();
        }
        var bytes = buffer.AsSpan(0, total);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(bytes);
    }

    private static IOException TooLarge() => new($"it is larger than {MaximumBytes / (1024 * 1024)} MiB, the limit for a definition file");
}
