// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Mdns.Dns;

/// <summary>
/// Names in packets, and the dotted text form used in this library: labels joined by '.', with '.' and
/// '\' inside a label escaped by a backslash (instance names may contain dots, RFC 6763 §4.3).
/// </summary>
internal static class DnsName
{
    /// <summary>Checks a name in a packet and returns the offset just after it.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> packet, int offset, out int end)
    {
        var labels = new DnsLabelEnumerator(packet, offset);
        while (labels.MoveNext(out _))
        {
        }

        end = labels.InlineEnd;
        return !labels.Failed;
    }

    /// <summary>Decodes a name from a packet to its dotted text form (no trailing dot).</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, int offset, out string name)
    {
        // Escaping at most doubles a label: 255 wire bytes → at most 2 * 255 chars.
        Span<char> chars = stackalloc char[2 * DnsConstants.MaxNameLength];
        Span<char> decoded = stackalloc char[DnsConstants.MaxLabelLength];
        int length = 0;
        var labels = new DnsLabelEnumerator(packet, offset);
        while (labels.MoveNext(out var label))
        {
            if (length > 0)
            {
                chars[length++] = '.';
            }

            int count = Encoding.UTF8.GetChars(label, decoded);
            foreach (char c in decoded[..count])
            {
                if (c is '.' or '\\')
                {
                    chars[length++] = '\\';
                }

                chars[length++] = c;
            }
        }

        if (labels.Failed)
        {
            name = string.Empty;
            return false;
        }

        name = new string(chars[..length]);
        return true;
    }

    /// <summary>Compares a name in a packet with a name in dotted text form, ASCII case-insensitively.</summary>
    public static bool Equals(ReadOnlySpan<byte> packet, int offset, ReadOnlySpan<char> name)
    {
        Span<byte> labelBytes = stackalloc byte[DnsConstants.MaxNameLength];
        var labels = new DnsLabelEnumerator(packet, offset);
        var text = new TextLabelEnumerator(name);
        while (true)
        {
            bool hasPacketLabel = labels.MoveNext(out var packetLabel);
            bool hasTextLabel = text.MoveNext(labelBytes, out int textLength);
            if (!hasPacketLabel || !hasTextLabel)
            {
                return !hasPacketLabel && !hasTextLabel && !labels.Failed && !text.Failed;
            }

            if (!LabelEquals(packetLabel, labelBytes[..textLength]))
            {
                return false;
            }
        }
    }

    /// <summary>Compares two names given as offsets into (possibly different) packets.</summary>
    public static bool Equals(ReadOnlySpan<byte> packetA, int offsetA, ReadOnlySpan<byte> packetB, int offsetB)
    {
        var a = new DnsLabelEnumerator(packetA, offsetA);
        var b = new DnsLabelEnumerator(packetB, offsetB);
        while (true)
        {
            bool hasA = a.MoveNext(out var labelA);
            bool hasB = b.MoveNext(out var labelB);
            if (!hasA || !hasB)
            {
                return !hasA && !hasB && !a.Failed && !b.Failed;
            }

            if (!LabelEquals(labelA, labelB))
            {
                return false;
            }
        }
    }

    /// <summary>RFC 6762 §16: names compare case-insensitively for ASCII letters; other bytes exactly.</summary>
    public static bool LabelEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (ToLowerAscii(a[i]) != ToLowerAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Escapes one label for the dotted text form.</summary>
    public static string EscapeLabel(string label) =>
        label.Contains('.') || label.Contains('\\') ? label.Replace("\\", "\\\\").Replace(".", "\\.") : label;

    /// <summary>Returns the first label of a dotted name, unescaped.</summary>
    public static string FirstLabel(string name)
    {
        var text = new TextLabelEnumerator(name);
        Span<byte> bytes = stackalloc byte[DnsConstants.MaxNameLength];
        return text.MoveNext(bytes, out int length) ? Encoding.UTF8.GetString(bytes[..length]) : string.Empty;
    }

    /// <summary>Returns the dotted name after its first label ("jobs._flowr._tcp.local" → "_flowr._tcp.local").</summary>
    public static string Parent(string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\')
            {
                i++;
            }
            else if (name[i] == '.')
            {
                return name[(i + 1)..];
            }
        }

        return string.Empty;
    }

    /// <summary>Case-insensitive equality of two dotted names.</summary>
    public static bool TextEquals(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
