// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Coordinator;

/// <summary>A growable ring of ints: the ready queue. Allocates only when it grows.</summary>
internal sealed class IntFifo
{
    private int[] _items = new int[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(int item)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = item;
        _count++;
    }

    /// <summary>Puts an item at the head.</summary>
    public void PushFront(int item)
    {
        if (_count == _items.Length) Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = item;
        _count++;
    }

    private void Grow()
    {
        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }

    public int Dequeue()
    {
        int item = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    /// <summary>Removes and returns the entry at <paramref name="index"/> (0 = oldest), keeping the order of the others.</summary>
    public int RemoveAt(int index)
    {
        int mask = _items.Length - 1;
        int item = _items[(_head + index) & mask];
        for (int i = index; i > 0; i--) _items[(_head + i) & mask] = _items[(_head + i - 1) & mask];
        _head = (_head + 1) & mask;
        _count--;
        return item;
    }

    /// <summary>Becomes a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(IntFifo other)
    {
        if (_items.Length < other._items.Length) _items = new int[other._items.Length];
        _head = 0;
        _count = other._count;
        for (int i = 0; i < _count; i++) _items[i] = other.PeekAt(i);
    }

    public int PeekAt(int index) => _items[(_head + index) & (_items.Length - 1)];

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }
}
