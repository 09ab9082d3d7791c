// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.IO.Compression;

namespace Flowr.Tests.Examples;

/// <summary>
/// The pixels of a PNG file as 8-bit RGBA, so that two PNGs can be compared by what they show rather
/// than by their bytes (zlib output differs between implementations). Reads non-interlaced 8-bit
/// greyscale, grey+alpha, RGB and RGBA images: the IDAT chunks are concatenated, inflated with
/// <see cref="ZLibStream"/> and unfiltered (PNG §9: None, Sub, Up, Average, Paeth).
/// </summary>
internal sealed record PngImage(int Width, int Height, byte[] Rgba)
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool HasSignature(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    public static PngImage Decode(byte[] bytes)
    {
        if (!HasSignature(bytes)) throw new InvalidDataException("not a PNG file (bad signature)");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        int offset = Signature.Length;
        bool ended = false;
        while (!ended)
        {
            if (offset + 12 > bytes.Length) throw new InvalidDataException("PNG ends without an IEND chunk");
            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset)));
            string type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            if (offset + 12 + length > bytes.Length) throw new InvalidDataException($"PNG chunk {type} is truncated");
            var data = bytes.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    channels = ReadHeaderChannels(data);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }
            offset += 12 + length;
        }
        if (channels == 0) throw new InvalidDataException("PNG has no IHDR chunk");
        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        byte[] samples = Unfilter(raw.ToArray(), width, height, channels);
        return new PngImage(width, height, ToRgba(samples, channels));
    }

    /// <summary>The first pixel that differs, as a description, or null when both show the same image.</summary>
    public string? Difference(PngImage other)
    {
        if (Width != other.Width || Height != other.Height) return $"size {Width}x{Height} differs from {other.Width}x{other.Height}";
        for (int i = 0; i < Rgba.Length; i += 4)
        {
            if (!Rgba.AsSpan(i, 4).SequenceEqual(other.Rgba.AsSpan(i, 4)))
            {
                int pixel = i / 4;
                return $"pixel ({pixel % Width},{pixel / Width}) is {Describe(Rgba, i)}, expected {Describe(other.Rgba, i)}";
            }
        }
        return null;
    }

    private static string Describe(byte[] rgba, int i) => $"[{rgba[i]},{rgba[i + 1]},{rgba[i + 2]},{rgba[i + 3]}]";

    private static int ReadHeaderChannels(ReadOnlySpan<byte> header)
    {
        byte bitDepth = header[8], colourType = header[9], interlace = header[12];
        if (bitDepth != 8) throw new InvalidDataException($"PNG bit depth {bitDepth} is not supported (only 8)");
        if (interlace != 0) throw new InvalidDataException("interlaced PNGs are not supported");
        return colourType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"PNG colour type {colourType} is not supported"),
        };
    }

    // PNG §9.2: each row starts with a filter type byte; filters work bytewise, 'a' is the byte one
    // pixel to the left, 'b' the byte above, 'c' the byte above and one pixel to the left.
    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        int stride = width * channels;
        if (raw.Length < (stride + 1) * height) throw new InvalidDataException("PNG image data is too short");
        var samples = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            var source = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = samples.AsSpan(y * stride, stride);
            var above = y == 0 ? default : samples.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0;
                int b = y > 0 ? above[i] : 0;
                int c = y > 0 && i >= channels ? above[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter type {filter} is invalid"),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }
        return samples;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] samples, int channels)
    {
        int pixels = samples.Length / channels;
        var rgba = new byte[pixels * 4];
        for (int p = 0; p < pixels; p++)
        {
            var s = samples.AsSpan(p * channels, channels);
            (byte r, byte g, byte b, byte alpha) = channels switch
            {
                1 => (s[0], s[0], s[0], (byte)255),
                2 => (s[0], s[0], s[0], s[1]),
                3 => (s[0], s[1], s[2], (byte)255),
                _ => (s[0], s[1], s[2], s[3]),
            };
            rgba[p * 4] = r;
            rgba[p * 4 + 1] = g;
            rgba[p * 4 + 2] = b;
            rgba[p * 4 + 3] = alpha;
        }
        return rgba;
    }
}
