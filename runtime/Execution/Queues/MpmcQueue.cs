// Copyright (c) flowr contributors. MIT licence.
using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Flowr.Runtime.Execution.Queues;

/// <summary>
/// A bounded, lock-free, multi-producer multi-consumer queue (Dmitry Vyukov's array queue).
/// Each slot carries a sequence number that says whether it is free for the producer of a given
/// position or full for its consumer, so producers and consumers only CAS their own counter.
/// It never allocates after construction.
/// </summary>
public sealed class MpmcQueue<T> where T : class
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private PaddedLong _enqueuePosition;
    private PaddedLong _dequeuePosition;

    private struct Slot
    {
        public long Sequence;
        public T? Item;
    }

    /// <summary>Creates a queue holding up to <paramref name="capacity"/> items (rounded up to a power of two).</summary>
    public MpmcQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new Slot[size];
        for (int i = 0; i < size; i++) _slots[i].Sequence = i;
        _mask = size - 1;
    }

    /// <summary>How many items the queue can hold.</summary>
    public int Capacity => _slots.Length;

    /// <summary>Adds an item; false when the queue is full.</summary>
    public bool TryEnqueue(T item)
    {
        var slots = _slots;
        long position = Volatile.Read(ref _enqueuePosition.Value);
        while (true)
        {
            ref Slot slot = ref slots[position & _mask];
            long sequence = Volatile.Read(ref slot.Sequence);
            long difference = sequence - position;
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _enqueuePosition.Value, position + 1, position) == position)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }
                position = Volatile.Read(ref _enqueuePosition.Value);
            }
            else if (difference < 0)
            {
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition.Value);
            }
        }
    }

    /// <summary>
    /// Adds an item to a queue that its owner keeps from ever being truly full (at most half its
    /// capacity in use). TryEnqueue can still fail there when a consumer was preempted between
    /// claiming a slot and releasing it while the others went a whole lap round the ring; this waits
    /// for that consumer to run again instead.
    /// </summary>
    public void Enqueue(T item)
    {
        var spinner = new SpinWait();
        while (!TryEnqueue(item)) spinner.SpinOnce();
    }

    /// <summary>Takes the oldest item; false when the queue is empty.</summary>
    public bool TryDequeue([NotNullWhen(true)] out T? item)
    {
        var slots = _slots;
        long position = Volatile.Read(ref _dequeuePosition.Value);
        while (true)
        {
            ref Slot slot = ref slots[position & _mask];
            long sequence = Volatile.Read(ref slot.Sequence);
            long difference = sequence - (position + 1);
            if (difference == 0)
            {
                if (Interlocked.CompareExchange(ref _dequeuePosition.Value, position + 1, position) == position)
                {
                    item = slot.Item!;
                    slot.Item = null;
                    Volatile.Write(ref slot.Sequence, position + _slots.Length);
                    return true;
                }
                position = Volatile.Read(ref _dequeuePosition.Value);
            }
            else if (difference < 0)
            {
                item = null;
                return false;
            }
            else
            {
                position = Volatile.Read(ref _dequeuePosition.Value);
            }
        }
    }

    /// <summary>True when no item is waiting (a snapshot; may be stale at once).</summary>
    public bool IsEmpty
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            long position = Volatile.Read(ref _dequeuePosition.Value);
            return Volatile.Read(ref _slots[position & _mask].Sequence) - (position + 1) < 0;
        }
    }
}

// NOTE: each queue position sits on its own cache line so producers and consumers do not
// invalidate each other's line on every operation. (Explicit layout cannot be generic, so it
// lives outside the queue.)
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)] public long Value;
}
