// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Wasm;

/// <summary>
/// Values by key, at most <c>capacity</c> of them: adding one more forgets the least recently used.
/// Thread-safe. A forgotten value is not disposed (someone may still use it); it goes when nobody does.
/// </summary>
internal sealed class BoundedCache<TValue>(int capacity) where TValue : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, TValue Value)>> _entries = new(StringComparer.Ordinal);
    // Most recently used first.
    private readonly LinkedList<(string Key, TValue Value)> _order = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>The value for <paramref name="key"/>, made by <paramref name="make"/> (under the lock: make it cheap) when there is none.</summary>
    public TValue GetOrAdd(string key, Func<string, TValue> make)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return node.Value.Value;
            }
            var value = make(key);
            _entries.Add(key, _order.AddFirst((key, value)));
            while (_entries.Count > Capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
            return value;
        }
    }

    /// <summary>The value for <paramref name="key"/>, if there is one; does not count as a use.</summary>
    public bool TryPeek(string key, [NotNullWhen(true)] out TValue? value)
    {
        lock (_lock)
        {
            value = _entries.TryGetValue(key, out var node) ? node.Value.Value : null;
            return value is not null;
        }
    }

    /// <summary>Forgets <paramref name="key"/> if it still holds <paramref name="value"/>.</summary>
    public void Remove(string key, TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Value, value))
            {
                _order.Remove(node);
                _entries.Remove(key);
            }
        }
    }
}
