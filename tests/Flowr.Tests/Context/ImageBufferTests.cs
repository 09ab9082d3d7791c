// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Context.Image;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Tests.Context;

public sealed class ImageBufferTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flowr-context-image-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JobOutcome SetPixel(IFunctionImplementation buffer, long x, long y, long r, long g, long b, long w, long h, string file) =>
        buffer.Run([Value.FromArray([x, y]), Value.FromArray([r, g, b]), Value.FromArray([w, h]), Value.FromString(file)]);

    [Fact]
    public void Pixels_in_any_order_are_written_as_a_png_when_the_flow_ends()
    {
        string file = Path.Combine(_directory, "pattern.png");
        var harness = new ContextHarness();
        var buffer = harness.Create("image/image_buffer");
        const int width = 5, height = 3;
        var coordinates = new List<(int X, int Y)>();
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) coordinates.Add((x, y));
        coordinates.Reverse();
        (coordinates[0], coordinates[7]) = (coordinates[7], coordinates[0]);
        foreach (var (x, y) in coordinates)
        {
            JobOutcome outcome = SetPixel(buffer, x, y, x * 50, y * 100, (x + y) % 256, width, height, file);
            Assert.False(outcome.IsError, outcome.Error);
            Assert.False(outcome.HasOutput);
            Assert.True(outcome.RunAgain);
        }
        Assert.False(File.Exists(file));

        harness.Services.Complete();

        var (w, h, rgb, chunks) = PngReader.Decode(File.ReadAllBytes(file));
        Assert.Equal((width, height), (w, h));
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int offset = ((y * width) + x) * 3;
                Assert.Equal(new byte[] { (byte)(x * 50), (byte)(y * 100), (byte)(x + y) }, rgb[offset..(offset + 3)]);
            }
        }
    }

    [Fact]
    public void Unset_pixels_are_black_and_each_filename_has_its_own_buffer()
    {
        string first = Path.Combine(_directory, "a.png"), second = Path.Combine(_directory, "b.png");
        var harness = new ContextHarness();
        var buffer = harness.Create("image/image_buffer");
        SetPixel(buffer, 1, 0, 255, 255, 255, 2, 1, first);
        SetPixel(buffer, 0, 1, 9, 8, 7, 1, 2, second);
        // The size is taken on first use only.
        Assert.False(SetPixel(buffer, 0, 0, 1, 2, 3, 100, 100, first).IsError);
        harness.Services.Complete();

        var a = PngReader.Decode(File.ReadAllBytes(first));
        Assert.Equal((2, 1), (a.Width, a.Height));
        Assert.Equal(new byte[] { 1, 2, 3, 255, 255, 255 }, a.Rgb);
        var b = PngReader.Decode(File.ReadAllBytes(second));
        Assert.Equal((1, 2), (b.Width, b.Height));
        Assert.Equal(new byte[] { 0, 0, 0, 9, 8, 7 }, b.Rgb);
    }

    [Fact]
    public void Invalid_inputs_are_errors()
    {
        string file = Path.Combine(_directory, "bad.png");
        var buffer = new ContextHarness().Create("image/image_buffer");
        Assert.True(SetPixel(buffer, 2, 0, 1, 2, 3, 2, 2, file).IsError);
        Assert.True(SetPixel(buffer, 0, 0, 256, 2, 3, 2, 2, file).IsError);
        Assert.True(SetPixel(buffer, -1, 0, 1, 2, 3, 2, 2, file).IsError);
        Assert.True(SetPixel(buffer, 0, 0, 1, 2, 3, 0, 2, Path.Combine(_directory, "empty.png")).IsError);
        Assert.True(buffer.Run([Value.Parse("[0,0]"), Value.Parse("[1,2,3]"), Value.Parse("[1.2,3.4]"), Value.FromString(file)]).IsError);
        Assert.True(buffer.Run([Value.Parse("[0,0]"), Value.Parse("[1,2]"), Value.Parse("[2,2]"), Value.FromString(file)]).IsError);
        Assert.True(buffer.Run([Value.Parse("[0,0]"), Value.Parse("[1,2,3]"), Value.Parse("[2,2]"), Value.FromInt64(1)]).IsError);
    }

    [Fact]
    public void Complete_without_images_writes_no_file()
    {
        var harness = new ContextHarness();
        harness.Services.Complete();
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Encoder_output_decodes_for_a_larger_image()
    {
        const int width = 300, height = 7;
        var rgb = new byte[width * height * 3];
        new Random(42).NextBytes(rgb);
        var png = new MemoryStream();
        PngEncoder.Write(png, width, height, rgb);
        var decoded = PngReader.Decode(png.ToArray());
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.Equal(rgb, decoded.Rgb);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
        byte[] data = Encoding.ASCII.GetBytes("IEND");
        Assert.Equal(0xAE426082u, Crc32.Compute(data));
        Assert.Equal(PngReader.BitwiseCrc32(data), Crc32.Compute(data));
    }
}
