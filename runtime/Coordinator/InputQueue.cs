// Copyright (c) flowr contributors. MIT licence.
using Flowr.Runtime.Model;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Coordinator;

/// <summary>
/// One input of a function at run time: an unbounded FIFO of values (a growable ring, so steady
/// state allocates nothing) plus the input's array order, generic flag and initializers.
/// </summary>
internal sealed class InputQueue
{
    private Value[] _items = new Value[4];
    private int _head;
    private int _count;

    public InputQueue(InputSpec spec)
    {
        Spec = spec;
        // Read on every job: kept here rather than two objects away in the spec.
        if (spec.Initializer is { Kind: InitializerKind.Always } always)
        {
            HasConstant = true;
            Constant = always.Value;
        }
    }

    public InputSpec Spec { get; }

    public int Count => _count;

    /// <summary>Values ever enqueued here (sent, split or initialized), for the end-of-run report; kept across <see cref="Clear"/>.</summary>
    public long Received { get; private set; }

    /// <summary>Values ever taken by jobs: the jobs this input's function has had.</summary>
    public long Taken { get; private set; }

    /// <summary>The value <paramref name="index"/> places behind the head, without taking it.</summary>
    public Value PeekAt(int index) => _items[(_head + index) & (_items.Length - 1)];

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _count = 0;
        Borrowed = 0;
    }

    public void Enqueue(in Value value)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = value;
        _count++;
        Received++;
    }

    /// <summary>
    /// Refills owed to jobs created ahead (pipelined jobs): a job of the function took this input's
    /// constant before the refill of an earlier job's retirement had put it here. Only for <c>always</c> inputs.
    /// </summary>
    public int Borrowed;

    /// <summary>Becomes a copy of <paramref name="other"/> (values and refills owed).</summary>
    public void CopyFrom(InputQueue other)
    {
        if (_items.Length < other._items.Length) _items = new Value[other._items.Length];
        else Array.Clear(_items);
        _head = 0;
        _count = other._count;
        for (int i = 0; i < _count; i++) _items[i] = other._items[(other._head + i) & (other._items.Length - 1)];
        Borrowed = other.Borrowed;
    }

    /// <summary>Puts a value back at the head: a discarded job returns the value it had taken.</summary>
    public void PushFront(in Value value)
    {
        if (_count == _items.Length) Grow();
        _head = (_head - 1) & (_items.Length - 1);
        _items[_head] = value;
        _count++;
    }

    /// <summary>The value at the head; only when <see cref="Count"/> &gt; 0.</summary>
    public ref readonly Value Peek() => ref _items[_head];

    public Value Dequeue()
    {
        ref Value slot = ref _items[_head];
        Value value = slot;
        slot = default;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        Taken++;
        return value;
    }

    /// <summary>
    /// Applies at most one initializer, the function's first (docs/runtime.md,
    /// "Initializers"): a function <c>once</c> only the first time, a function <c>always</c>
    /// on every call; otherwise a flow <c>once</c> the first time, a flow <c>always</c> the first time
    /// or when the flow goes idle. Returns true when a value was enqueued.
    /// </summary>
    public bool Initialize(bool firstTime, bool flowIdle)
    {
        if (Spec.Initializer is { } own)
        {
            if (own.Kind == InitializerKind.Always || firstTime)
            {
                Enqueue(own.Value);
                return true;
            }
        }
        if (Spec.FlowInitializer is { } flow)
        {
            if (firstTime || (flow.Kind == InitializerKind.Always && flowIdle))
            {
                Enqueue(flow.Value);
                return true;
            }
        }
        return false;
    }

    /// <summary>True when this input is refilled after each job of its function (a function <c>always</c> initializer).</summary>
    public bool HasConstant { get; }

    /// <summary>The <c>always</c> constant; only when <see cref="HasConstant"/>.</summary>
    public Value Constant { get; }

    /// <summary>
    /// The refill after a job that runs again: settles a refill a later job already took
    /// (<see cref="Borrowed"/>), or enqueues the constant.
    /// </summary>
    public void Refill()
    {
        if (Borrowed > 0) Borrowed--;
        else Enqueue(Constant);
    }

    private void Grow()
    {
        var bigger = new Value[_items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
