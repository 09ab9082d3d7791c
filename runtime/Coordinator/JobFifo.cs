// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Execution;

namespace Flowr.Runtime.Coordinator;

/// <summary>A fixed ring of jobs for one thread: the run state's jobs created and not yet handed out.</summary>
internal sealed class JobFifo(int capacity)
{
    private readonly Job?[] _items = new Job?[capacity];
    private int _head;
    private int _count;

    public int Count => _count;

    public int Capacity => _items.Length;

    public void Enqueue(Job job)
    {
        // NOTE: never full: it holds only jobs in flight, and the run state caps those at its capacity.
        _items[(_head + _count) % _items.Length] = job;
        _count++;
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
        _head = (_head + 1) % _items.Length;
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
