// Copyright (c) flowr contributors. MIT licence.
using System.Buffers.Binary;

namespace Flowr.Mdns.Tests.Fuzz;

/// <summary>Produces random and mutated datagrams, biased towards what breaks DNS parsers.</summary>
internal sealed class PacketMutator(int seed, IReadOnlyList<byte[]> seeds)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x3F, 0x40, 0x7F, 0x80, 0xC0, 0xC0, 0xC1, 0xFF, 0x0C];
    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        int kind = _random.Next(100);
        if (kind < 20)
        {
            var bytes = new byte[_random.Next(0, 600)];
            _random.NextBytes(bytes);
            return bytes;
        }

        var packet = new List<byte>(seeds[_random.Next(seeds.Count)]);
        int mutations = 1 + _random.Next(kind < 60 ? 2 : 8);
        for (int i = 0; i < mutations; i++)
        {
            Mutate(packet);
        }

        return [.. packet];
    }

    private void Mutate(List<byte> p)
    {
        int at = p.Count == 0 ? 0 : _random.Next(p.Count);
        switch (_random.Next(9))
        {
            case 0 when p.Count > 0:
                p[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when p.Count > 0:
                p[at] = Interesting[_random.Next(Interesting.Length)];
                break;
            case 2 when p.Count > 1:
                // A compression pointer to a random offset, often to itself or forward.
                p[at] = (byte)(0xC0 | _random.Next(0x40));
                if (at + 1 < p.Count)
                {
                    p[at + 1] = (byte)_random.Next(256);
                }

                break;
            case 3 when p.Count > 0:
                p.RemoveRange(at, p.Count - at);   // truncate
                break;
            case 4:
                var chunk = new byte[_random.Next(1, 32)];
                _random.NextBytes(chunk);
                p.InsertRange(at, chunk);
                break;
            case 5 when p.Count > 0:
                p.RemoveRange(at, Math.Min(p.Count - at, _random.Next(1, 16)));
                break;
            case 6 when p.Count >= 12:
                // Huge or shifted section counts.
                var header = p.GetRange(0, 12).ToArray();
                BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4 + (2 * _random.Next(4))), (ushort)(_random.Next(2) == 0 ? 0xFFFF : _random.Next(64)));
                p.RemoveRange(0, 12);
                p.InsertRange(0, header);
                break;
            case 7:
                // Splice in the tail of another seed.
                var other = seeds[_random.Next(seeds.Count)];
                int from = _random.Next(other.Length);
                p.RemoveRange(at, p.Count - at);
                p.AddRange(other.AsSpan(from).ToArray());
                break;
            default:
                if (p.Count > 1)
                {
                    // Duplicate a slice (repeated labels and records).
                    int len = Math.Min(p.Count - at, _random.Next(1, 64));
                    p.InsertRange(at, p.GetRange(at, len));
                }

                break;
        }
    }
}
