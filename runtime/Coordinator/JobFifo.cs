// Copyright (c) flowr contributors. MIT licence.
using System.Numerics;
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Coordinator;

/// <summary>A ring of jobs for one thread, a power of two long: the run state's jobs created and not yet handed out.</summary>
internal sealed class JobFifo(int capacity)
{
    private Job?[] _items = new Job?[BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 2))];
    private int _head;
    private int _count;

    public int Count => _count;

    public void Enqueue(Job job)
    {
        // NOTE: it holds jobs in flight, which the run state caps at its capacity, and voided jobs not yet
        // handed out, which no longer count; those may overflow it, rarely, so it grows then.
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = job;
        _count++;
    }

    private void Grow()
    {
        var larger = new Job?[_items.Length * 2];
        for (int i = 0; i < _count; i++) larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }

    public bool TryDequeue([NotNullWhen(true)] out Job? job)
    {
        if (_count == 0)
        {
            job = null;
            return false;
        }
        job = _items[_head]!;
        _items[_head] = null;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _count = 0;
    }
}
