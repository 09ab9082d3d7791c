// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Flowr.Context.Image;

/// <summary>
/// A minimal PNG encoder for 8-bit RGB images (PNG specification, ISO/IEC 15948): signature, one
/// IHDR, one IDAT holding the zlib stream of every scanline with filter type 0, and IEND.
/// </summary>
internal static class PngEncoder
{
    // §5.2: the eight signature bytes.
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte BitDepth = 8;
    private const byte ColourTypeTruecolour = 2;
    private const byte FilterNone = 0;
    private const int BytesPerPixel = 3;

    /// <summary>Writes <paramref name="rgb"/> (rows top to bottom, 3 bytes per pixel) as a PNG.</summary>
    public static void Write(Stream output, int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "PNG images need a positive width and height");
        int rowLength = width * BytesPerPixel;
        if (rgb.Length != (long)rowLength * height) throw new ArgumentException("pixel data does not match the size", nameof(rgb));

        output.Write(Signature);

        // §11.2.2 IHDR: width, height (4 bytes each, big-endian), bit depth, colour type,
        // compression method 0, filter method 0, interlace method 0.
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = BitDepth;
        header[9] = ColourTypeTruecolour;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, "IHDR"u8, header);

        // §11.2.4 IDAT: a zlib datastream of the filtered scanlines, each preceded by its filter type.
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (int y = 0; y < height; y++)
                {
                    zlib.WriteByte(FilterNone);
                    zlib.Write(rgb.Slice(y * rowLength, rowLength));
                }
            }
            WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND"u8, []);
    }

    // §5.3: length (4 bytes, big-endian), type, data, CRC over type and data.
    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Initial, type), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }
}
