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

    public InputQueue(InputSpec spec) => Spec = spec;

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
    }

    public void Enqueue(in Value value)
    {
        if (_count == _items.Length) Grow();
        _items[(_head + _count) & (_items.Length - 1)] = value;
        _count++;
        Received++;
    }

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
    /// Applies at most one initializer, the function's first (flow-language.md §2.3,
    /// runtime-semantics.md §5): a function <c>once</c> only the first time, a function <c>always</c>
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

    /// <summary>True when this input is refilled after each job of its function.</summary>
    public bool HasConstant => Spec.Initializer is { Kind: InitializerKind.Always };

    private void Grow()
    {
        var bigger = new Value[_items.Length * 2];
        for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = bigger;
        _head = 0;
    }
}
