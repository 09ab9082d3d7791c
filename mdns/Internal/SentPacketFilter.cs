// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Mdns.Internal;

/// <summary>
/// Recognises our own datagrams when multicast loopback delivers them back (another stack on this host
/// may share our address and port, so the source cannot tell). Keeps hashes of the last few sends.
/// </summary>
internal sealed class SentPacketFilter
{
    private const int Capacity = 32;
    private const long WindowMs = 5000;
    private readonly long[] _hashes = new long[Capacity];
    private readonly long[] _times = new long[Capacity];
    private int _next;

    public void Remember(ReadOnlySpan<byte> packet)
    {
        long hash = Hash(packet);
        lock (_hashes)
        {
            _hashes[_next] = hash;
            _times[_next] = Environment.TickCount64;
            _next = (_next + 1) % Capacity;
        }
    }

    public bool IsOwn(ReadOnlySpan<byte> packet)
    {
        long hash = Hash(packet);
        long now = Environment.TickCount64;
        lock (_hashes)
        {
            for (int i = 0; i < Capacity; i++)
            {
                if (_hashes[i] == hash && now - _times[i] < WindowMs)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // HashCode is seeded per process, which is all this filter needs; the length makes collisions rarer still.
    private static long Hash(ReadOnlySpan<byte> packet)
    {
        var hash = default(HashCode);
        hash.AddBytes(packet);
        return ((long)packet.Length << 32) | (uint)hash.ToHashCode();
    }
}
