// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Values;

/// <summary>
/// The members of a JSON object, kept sorted in ascending UTF-8 byte order of their names, as
/// serde_json's default (BTreeMap) map is; printing therefore needs no sort. Immutable.
/// </summary>
public sealed class ValueObject : IEquatable<ValueObject>
{
    private readonly KeyValuePair<string, Value>[] _members;

    private ValueObject(KeyValuePair<string, Value>[] sortedMembers) => _members = sortedMembers;

    /// <summary>An object with no members.</summary>
    public static ValueObject Empty { get; } = new([]);

    /// <summary>Builds an object; a repeated name keeps its last value (serde_json behaviour).</summary>
    public static ValueObject Create(ReadOnlySpan<KeyValuePair<string, Value>> members)
    {
        if (members.Length == 0) return Empty;
        var sorted = members.ToArray();
        // A stable sort keeps the input order among equal names, so "last wins" is the last of a run.
        var indexes = new int[sorted.Length];
        for (int i = 0; i < indexes.Length; i++) indexes[i] = i;
        Array.Sort(indexes, (a, b) =>
        {
            int c = Utf8Order.Compare(sorted[a].Key, sorted[b].Key);
            return c != 0 ? c : a.CompareTo(b);
        });
        var result = new List<KeyValuePair<string, Value>>(sorted.Length);
        foreach (int index in indexes)
        {
            var member = sorted[index];
            if (result.Count > 0 && result[^1].Key == member.Key) result[^1] = member;
            else result.Add(member);
        }
        return new ValueObject(result.ToArray());
    }

    /// <summary>Wraps members that are already sorted by <see cref="Utf8Order"/> and unique.</summary>
    internal static ValueObject FromSorted(KeyValuePair<string, Value>[] sortedMembers) => new(sortedMembers);

    /// <summary>The number of members.</summary>
    public int Count => _members.Length;

    /// <summary>The members in printing order.</summary>
    public ReadOnlySpan<KeyValuePair<string, Value>> Members => _members;

    /// <summary>Looks a member up by name.</summary>
    public bool TryGetValue(string name, out Value value)
    {
        int lo = 0, hi = _members.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = Utf8Order.Compare(_members[mid].Key, name);
            if (c == 0) { value = _members[mid].Value; return true; }
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        value = default;
        return false;
    }

    public bool Equals(ValueObject? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._members.Length != _members.Length) return false;
        for (int i = 0; i < _members.Length; i++)
        {
            if (_members[i].Key != other._members[i].Key || !_members[i].Value.Equals(other._members[i].Value)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ValueObject other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var member in _members)
        {
            hash.Add(member.Key);
            hash.Add(member.Value);
        }
        return hash.ToHashCode();
    }
}
