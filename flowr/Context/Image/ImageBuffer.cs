// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Context.Image;

/// <summary>
/// <c>context://image/image_buffer</c> (docs/context-functions.md): inputs <c>pixel</c> <c>[x, y]</c>,
/// <c>value</c> <c>[r, g, b]</c>, <c>size</c> <c>[w, h]</c> and <c>filename</c>. Sets one pixel of the
/// RGB buffer kept for <c>filename</c> (created at <c>size</c> on first use); pixels may come in any
/// order. Buffers are written as PNG files when the flow ends. Runs again. As upstream, every
/// coordinate, size and colour must be a non-negative integer (colours ≤ 255), else the job is an
/// error; so is a pixel outside the buffer.
/// </summary>
internal sealed class ImageBuffer : IFunctionImplementation
{
    private readonly ImageBuffers _buffers;

    public ImageBuffer(ImageBuffers buffers) => _buffers = buffers;

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (inputs.Length < 4) return JobOutcome.Fail("image_buffer needs the inputs 'pixel', 'value', 'size' and 'filename'");
        if (!TryGetPair(inputs[0], "pixel", out ulong x, out ulong y, out string? error)
            || !TryGetColour(inputs[1], out byte red, out byte green, out byte blue, out error)
            || !TryGetPair(inputs[2], "size", out ulong width, out ulong height, out error))
        {
            return JobOutcome.Fail(error);
        }
        if (!inputs[3].TryGetString(out string? filename)) return JobOutcome.Fail("image_buffer: 'filename' is not a string");

        if (!_buffers.TryGet(filename, out RgbImage? image))
        {
            if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || width * height > RgbImage.MaxPixels)
            {
                return JobOutcome.Fail($"image_buffer: size [{width}, {height}] is not supported");
            }
            image = _buffers.GetOrCreate(filename, (int)width, (int)height);
        }
        if (x >= (ulong)image.Width || y >= (ulong)image.Height)
        {
            return JobOutcome.Fail($"image_buffer: pixel [{x}, {y}] is outside the {image.Width}x{image.Height} image '{filename}'");
        }
        image.SetPixel((int)x, (int)y, red, green, blue);
        return JobOutcome.NoOutput(runAgain: true);
    }

    private static bool TryGetPair(in Value value, string name, out ulong first, out ulong second, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<Value> items = value.ArrayItems;
        first = second = 0;
        if (items.Length < 2 || !items[0].TryGetUInt64(out first) || !items[1].TryGetUInt64(out second))
        {
            error = $"image_buffer: '{name}' is not an array of two non-negative integers";
            return false;
        }
        error = null;
        return true;
    }

    private static bool TryGetColour(in Value value, out byte red, out byte green, out byte blue, [NotNullWhen(false)] out string? error)
    {
        ReadOnlySpan<Value> items = value.ArrayItems;
        red = green = blue = 0;
        if (items.Length < 3
            || !items[0].TryGetUInt64(out ulong r) || r > byte.MaxValue
            || !items[1].TryGetUInt64(out ulong g) || g > byte.MaxValue
            || !items[2].TryGetUInt64(out ulong b) || b > byte.MaxValue)
        {
            error = "image_buffer: 'value' is not an array of three integers 0-255";
            return false;
        }
        (red, green, blue) = ((byte)r, (byte)g, (byte)b);
        error = null;
        return true;
    }
}
