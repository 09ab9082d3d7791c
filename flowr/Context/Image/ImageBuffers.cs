// Copyright (c) flowr contributors. MIT licence.
using System.Diagnostics.CodeAnalysis;

namespace Flowr.Context.Image;

/// <summary>
/// The image buffers of one run, one per filename, in the order they were created; written as PNG
/// files when the flow ends (docs/context-functions.md).
/// </summary>
internal sealed class ImageBuffers
{
    private readonly Dictionary<string, RgbImage> _byName = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public int Count => _byName.Count;

    /// <summary>The buffer for <paramref name="filename"/>, created at the given size on first use.</summary>
    public RgbImage GetOrCreate(string filename, int width, int height)
    {
        if (_byName.TryGetValue(filename, out RgbImage? image)) return image;
        image = new RgbImage(width, height);
        _byName.Add(filename, image);
        _order.Add(filename);
        return image;
    }

    public bool TryGet(string filename, [NotNullWhen(true)] out RgbImage? image) => _byName.TryGetValue(filename, out image);

    /// <summary>Writes every buffer to its file (relative paths from the working directory).</summary>
    public void WriteAll()
    {
        List<Exception>? failures = null;
        foreach (string filename in _order)
        {
            RgbImage image = _byName[filename];
            try
            {
                using var file = new FileStream(filename, FileMode.Create, FileAccess.Write, FileShare.None);
                PngEncoder.Write(file, image.Width, image.Height, image.Pixels);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                (failures ??= []).Add(new IOException($"Could not write image '{filename}': {e.Message}", e));
            }
        }
        if (failures is not null) throw new AggregateException("Could not write every image buffer", failures);
    }
}
