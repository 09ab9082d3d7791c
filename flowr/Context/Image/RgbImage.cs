// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Context.Image;

/// <summary>An 8-bit RGB pixel buffer, black when created, rows top to bottom.</summary>
internal sealed class RgbImage
{
    // Larger images would exceed an array's size; upstream's limit is u32 per side.
    internal const long MaxPixels = int.MaxValue / 3;

    private readonly byte[] _pixels;

    public RgbImage(int width, int height)
    {
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} is not supported");
        }
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The pixels, 3 bytes each, row by row.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public bool Contains(long x, long y) => x >= 0 && y >= 0 && x < Width && y < Height;

    public void SetPixel(int x, int y, byte red, byte green, byte blue)
    {
        int offset = ((y * Width) + x) * 3;
        _pixels[offset] = red;
        _pixels[offset + 1] = green;
        _pixels[offset + 2] = blue;
    }
}
