// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Mdns.Dns;

/// <summary>Splits a dotted, backslash-escaped name into UTF-8 labels without allocating.</summary>
internal ref struct TextLabelEnumerator
{
    private readonly ReadOnlySpan<char> _name;
    private int _position;

    public TextLabelEnumerator(ReadOnlySpan<char> name)
    {
        // A trailing dot (fully qualified form) is accepted and ignored.
        _name = name.Length > 0 && name[^1] == '.' && (name.Length < 2 || name[^2] != '\\') ? name[..^1] : name;
        _position = 0;
        Failed = false;
    }

    /// <summary>True when a label was empty or longer than 63 bytes.</summary>
    public bool Failed { get; private set; }

    /// <summary>Writes the next label's UTF-8 bytes into <paramref name="destination"/> (≥ 255 bytes).</summary>
    public bool MoveNext(scoped Span<byte> destination, out int length)
    {
        length = 0;
        if (_position >= _name.Length || Failed)
        {
            return false;
        }

        Span<char> label = stackalloc char[DnsConstants.MaxNameLength];
        int count = 0;
        while (_position < _name.Length)
        {
            char c = _name[_position++];
            if (c == '\\' && _position < _name.Length)
            {
                c = _name[_position++];
            }
            else if (c == '.')
            {
                break;
            }

            if (count == label.Length)
            {
                Failed = true;
                return false;
            }

            label[count++] = c;
        }

        if (count == 0 || Encoding.UTF8.GetByteCount(label[..count]) > DnsConstants.MaxLabelLength)
        {
            Failed = true;
            return false;
        }

        length = Encoding.UTF8.GetBytes(label[..count], destination);
        return true;
    }
}
