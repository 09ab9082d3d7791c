// Copyright (c) flowr contributors. MIT licence.
namespace Flowrex;

/// <summary>
/// A set that remembers only its most recent entries: a flowrex serving flow after flow for months must
/// not keep every run id (or every refusal it ever logged) it has seen.
/// </summary>
internal sealed class RecentSet(int capacity)
{
    private readonly HashSet<string> _members = [];
    private readonly Queue<string> _order = new();

    public bool Contains(string item) => _members.Contains(item);

    /// <summary>False when <paramref name="item"/> was there already.</summary>
    public bool Add(string item)
    {
        if (!_members.Add(item)) return false;
        _order.Enqueue(item);
        if (_order.Count > capacity) _members.Remove(_order.Dequeue());
        return true;
    }
}
