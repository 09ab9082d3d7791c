// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Examples;

/// <summary>The example harness's expectation checks and PNG decoder, on hand-made files (no flowr run).</summary>
public sealed class ExpectationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flowr-expectations-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ExampleCase Case() => new("fake", _directory);

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_directory, file), text);

    private static FlowrProcess.Result Output(string stdout, string stderr = "") =>
        new(0, stdout, stderr, Encoding.UTF8.GetBytes(stdout));

    [Fact]
    public void Contains_requires_every_listed_line()
    {
        Write("expected_contains.stdout", "b\ncd\n");
        Assert.Null(Case().Verify(Output("a\nb\ncde\n")));
        Assert.Contains("'cd'", Case().Verify(Output("a\nb\nc\nd\n")));
    }

    [Fact]
    public void Unordered_compares_sorted_lines()
    {
        Write("expected_unordered.stdout", "1\n2\n2\n");
        Assert.Null(Case().Verify(Output("2\n1\n2\n")));
        Assert.NotNull(Case().Verify(Output("2\n1\n1\n")));
    }

    [Fact]
    public void Every_expectation_file_present_is_checked()
    {
        Write("expected.stdout", "x\ny\n");
        Write("expected_contains.stdout", "z\n");
        Assert.Contains("expected_contains", Case().Verify(Output("x\ny\n")));
    }

    [Fact]
    public void Stderr_output_or_no_expectation_fails()
    {
        Write("expected.stdout", "x\n");
        Assert.Contains("stderr", Case().Verify(Output("x\n", "warning\n")));
        File.Delete(Path.Combine(_directory, "expected.stdout"));
        Assert.Contains("no expected", Case().Verify(Output("x\n")));
    }

    [Fact]
    public void Png_files_compare_by_pixels_not_bytes()
    {
        byte[] pixels = Pattern(5, 4);
        File.WriteAllBytes(Path.Combine(_directory, "expected.file"), EncodeRgb(5, 4, pixels, row => 0, CompressionLevel.NoCompression));
        var testCase = Case();
        File.WriteAllBytes(testCase.OutputFile, EncodeRgb(5, 4, pixels, row => (byte)(row % 5), CompressionLevel.SmallestSize));
        Assert.Null(testCase.Verify(Output("")));

        pixels[3 * (5 * 2 + 4) + 1] ^= 1;
        File.WriteAllBytes(testCase.OutputFile, EncodeRgb(5, 4, pixels, row => 4, CompressionLevel.Optimal));
        Assert.Contains("pixel (4,2)", testCase.Verify(Output("")));

        testCase.DeleteOutputFile();
        Assert.Contains("wrote no test.file", testCase.Verify(Output("")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_filter_type_decodes_to_the_original_pixels(byte filter)
    {
        byte[] pixels = Pattern(7, 3);
        var image = PngImage.Decode(EncodeRgb(7, 3, pixels, row => filter, CompressionLevel.Fastest));
        Assert.Equal((7, 3), (image.Width, image.Height));
        for (int p = 0; p < 21; p++)
        {
            Assert.Equal(pixels.AsSpan(p * 3, 3).ToArray(), image.Rgba.AsSpan(p * 4, 3).ToArray());
            Assert.Equal(255, image.Rgba[p * 4 + 3]);
        }
    }

    // Values chosen so that every filter's predictor wraps around somewhere.
    private static byte[] Pattern(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 97 + i / 3 * 31);
        return pixels;
    }

    // A minimal RGB PNG writer with a chosen filter per row (CRCs left zero: the decoder does not check them).
    private static byte[] EncodeRgb(int width, int height, byte[] pixels, Func<int, byte> filterOfRow, CompressionLevel level)
    {
        int stride = width * 3;
        using var filtered = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            byte filter = filterOfRow(y);
            filtered.WriteByte(filter);
            for (int i = 0; i < stride; i++)
            {
                int x = pixels[y * stride + i];
                int a = i >= 3 ? pixels[y * stride + i - 3] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = y > 0 && i >= 3 ? pixels[(y - 1) * stride + i - 3] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => Paeth(a, b, c) };
                filtered.WriteByte((byte)(x - predictor));
            }
        }
        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, level, leaveOpen: true)) deflater.Write(filtered.ToArray());

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = 2;
        WriteChunk(png, "IHDR", header);
        byte[] data = compressed.ToArray();
        int half = data.Length / 2;
        WriteChunk(png, "IDAT", data[..half]);
        WriteChunk(png, "IDAT", data[half..]);
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        png.Write(Encoding.ASCII.GetBytes(type));
        png.Write(data);
        png.Write([0, 0, 0, 0]);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
