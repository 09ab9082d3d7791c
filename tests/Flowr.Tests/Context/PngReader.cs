// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Flowr.Tests.Context;

/// <summary>A test-side PNG decoder for 8-bit RGB images with filter type 0 that checks every
/// chunk's CRC with a bitwise CRC-32 (independent of the encoder's table).</summary>
internal static class PngReader
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Width, int Height, byte[] Rgb, List<string> Chunks) Decode(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        int position = 8, width = 0, height = 0;
        var chunks = new List<string>();
        var idat = new MemoryStream();
        while (position < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(position));
            string type = System.Text.Encoding.ASCII.GetString(png, position + 4, 4);
            byte[] data = png.AsSpan(position + 8, length).ToArray();
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            Assert.Equal(BitwiseCrc32(png.AsSpan(position + 4, 4 + length)), crc);
            chunks.Add(type);
            if (type == "IHDR")
            {
                Assert.Equal(13, length);
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
                Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, data[8..]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            position += 12 + length;
        }
        Assert.Equal(png.Length, position);

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        inflater.CopyTo(raw);
        byte[] scanlines = raw.ToArray();
        int rowLength = (width * 3) + 1;
        Assert.Equal(rowLength * height, scanlines.Length);
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, scanlines[y * rowLength]);
            Array.Copy(scanlines, (y * rowLength) + 1, rgb, y * width * 3, width * 3);
        }
        return (width, height, rgb, chunks);
    }

    public static uint BitwiseCrc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (0u - (crc & 1)));
        }
        return ~crc;
    }
}
