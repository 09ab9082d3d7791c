// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowrex;

/// <summary>Sizes (<c>512K</c>, <c>256M</c>, <c>1G</c>: binary units; plain bytes) and durations (<c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>; plain seconds) on the command line.</summary>
internal static class Quantities
{
    private static readonly (string Suffix, long Bytes)[] SizeUnits =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    private static readonly (string Suffix, double Seconds)[] TimeUnits = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];

    /// <summary>Parses a size in bytes; false for anything else, or a size over <see cref="long.MaxValue"/>.</summary>
    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        long unit = 1;
        foreach (var (suffix, size) in SizeUnits)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length];
                unit = size;
                break;
            }
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count > long.MaxValue / unit) return false;
        bytes = count * unit;
        return true;
    }

    /// <summary>Parses a duration; false for anything else, zero, or more than a day.</summary>
    public static bool TryParseTime(string? text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        double unit = 1;
        foreach (var (suffix, seconds) in TimeUnits)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length];
                unit = seconds;
                break;
            }
        }
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double count)) return false;
        double total = count * unit;
        if (total <= 0 || total > TimeSpan.FromDays(1).TotalSeconds) return false;
        time = TimeSpan.FromSeconds(total);
        return true;
    }
}
