// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Dns;

/// <summary>
/// Walks the labels of a (possibly compressed) name in a packet without allocating.
/// RFC 1035 §4.1.4: a name is a sequence of labels ending in a zero byte or a pointer.
/// </summary>
/// <remarks>
/// NOTE: every pointer must point strictly before the start of the segment being read (the place the
/// previous jump landed, or the name's start). Segment starts therefore decrease, so a walk always ends:
/// loops are impossible and at most <see cref="DnsConstants.MaxNameLength"/> bytes are visited per segment.
/// </remarks>
internal ref struct DnsLabelEnumerator
{
    private readonly ReadOnlySpan<byte> _packet;
    private int _position;
    private int _segmentStart;
    private int _inlineEnd;      // first byte after the name where it starts (-1 until known)
    private int _wireLength;     // uncompressed length so far, including length bytes
    private bool _failed;
    private bool _done;

    public DnsLabelEnumerator(ReadOnlySpan<byte> packet, int offset)
    {
        _packet = packet;
        _position = offset;
        _segmentStart = offset;
        _inlineEnd = -1;
        _wireLength = 1;         // the terminating zero byte
        _failed = offset < 0 || offset >= packet.Length;
        _done = _failed;
    }

    /// <summary>True when the name was malformed (truncated, bad pointer, too long, reserved label type).</summary>
    public readonly bool Failed => _failed;

    /// <summary>Offset just after the name at its original position; valid once the walk ended without failure.</summary>
    public readonly int InlineEnd => _inlineEnd;

    /// <summary>Length of the name uncompressed on the wire (labels, length bytes and the final zero).</summary>
    public readonly int WireLength => _wireLength;

    /// <summary>Moves to the next label. Returns false at the end of the name or on error (see <see cref="Failed"/>).</summary>
    public bool MoveNext(out ReadOnlySpan<byte> label)
    {
        label = default;
        while (!_done)
        {
            if (_position >= _packet.Length)
            {
                return Fail();
            }

            byte length = _packet[_position];
            if (length == 0)
            {
                if (_inlineEnd < 0)
                {
                    _inlineEnd = _position + 1;
                }

                _done = true;
                return false;
            }

            if ((length & DnsConstants.PointerMask) == DnsConstants.PointerMask)
            {
                if (_position + 1 >= _packet.Length)
                {
                    return Fail();
                }

                int target = ((length & 0x3F) << 8) | _packet[_position + 1];
                if (_inlineEnd < 0)
                {
                    _inlineEnd = _position + 2;
                }

                // Pointers must go strictly backwards from the current segment start (see remarks).
                if (target >= _segmentStart)
                {
                    return Fail();
                }

                _segmentStart = target;
                _position = target;
                continue;
            }

            // RFC 6891 §5: label types 01 and 10 are reserved or obsolete (extended labels).
            if ((length & DnsConstants.PointerMask) != 0)
            {
                return Fail();
            }

            int start = _position + 1;
            if (start + length > _packet.Length)
            {
                return Fail();
            }

            _wireLength += length + 1;
            if (_wireLength > DnsConstants.MaxNameLength)
            {
                return Fail();
            }

            label = _packet.Slice(start, length);
            _position = start + length;
            return true;
        }

        return false;
    }

    private bool Fail()
    {
        _failed = true;
        _done = true;
        return false;
    }
}
