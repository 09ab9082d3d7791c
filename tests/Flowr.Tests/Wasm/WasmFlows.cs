// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Cli;
using Flowr.Running;
using Flowr.Tests.Infrastructure;

namespace Flowr.Tests.Wasm;

/// <summary>Helpers for the provided-function tests: in-process runs, the examples, reference results.</summary>
internal static class WasmFlows
{
    public static string Example(string name) => Path.Combine(FlowrProcess.RepositoryRoot, "examples", name);

    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs a flow inside the test process, as flowr's command line would.</summary>
    public static Run InProcess(RunnerOptions options, string? stdin = null)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        using var output = new MemoryStream();
        using var error = new MemoryStream();
        int exit = FlowRunner.Run(options, input, output, error);
        return new Run(exit, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(error.ToArray()));
    }

    /// <summary>Reverses the code points of each line: what reverse-echo must print, computed here.</summary>
    public static string[] ReversedLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => string.Concat(line.EnumerateRunes().Reverse().Select(r => r.ToString())))
            .ToArray();

    public static string[] Sorted(IEnumerable<string> lines) => lines.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The grey level of every pixel of the mandelbrot example, computed in C# (examples/mandelbrot/DESCRIPTION.md).</summary>
    public static byte[] MandelbrotReference(int width, int height, double left, double top, double right, double bottom)
    {
        var levels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double re = left + x * ((right - left) / width);
                double im = top - y * ((top - bottom) / height);
                levels[y * width + x] = (byte)Escapes(re, im);
            }
        }
        return levels;
    }

    private static int Escapes(double re, double im)
    {
        const int Limit = 255;
        if (re * re + im * im > 4.0) return 0;
        double zr = re, zi = im;
        for (int i = 1; i < Limit; i++)
        {
            (zr, zi) = (zr * zr - zi * zi + re, 2.0 * zr * zi + im);
            if (zr * zr + zi * zi > 4.0) return i;
        }
        return Limit;
    }

    /// <summary>A temporary directory removed on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("flowr-wasm-").FullName;

        public string Write(string relative, string text)
        {
            string full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            return full;
        }

        public string Copy(string source, string relative)
        {
            string full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.Copy(source, full, overwrite: true);
            return full;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
