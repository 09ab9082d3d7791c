// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Values;

/// <summary>
/// JSON Pointer lookup with serde_json's <c>Value::pointer</c> semantics (docs/values.md):
/// <c>""</c> is the whole value; otherwise the pointer starts with <c>/</c>; each token unescapes
/// <c>~1</c> → <c>/</c> then <c>~0</c> → <c>~</c>; an array token is a decimal index without sign or
/// leading zero; an object token is a key; anything else finds nothing.
/// </summary>
public static class JsonPointer
{
    /// <summary>Resolves <paramref name="pointer"/> in <paramref name="root"/>; false when it finds nothing.</summary>
    public static bool TryResolve(in Value root, string pointer, out Value result)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return TryResolve(root, pointer.AsSpan(), out result);
    }

    /// <summary>Resolves <paramref name="pointer"/> in <paramref name="root"/>; false when it finds nothing.
    /// Allocation-free unless a token holds a <c>~</c> escape.</summary>
    public static bool TryResolve(in Value root, ReadOnlySpan<char> pointer, out Value result)
    {
        result = root;
        if (pointer.IsEmpty) return true;
        if (pointer[0] != '/')
        {
            result = default;
            return false;
        }
        var rest = pointer[1..];
        while (true)
        {
            int slash = rest.IndexOf('/');
            var token = slash < 0 ? rest : rest[..slash];
            if (token.Contains('~')) token = Unescape(token);
            Value current = result;
            if (!TryStep(current, token, out result))
            {
                result = default;
                return false;
            }
            if (slash < 0) return true;
            rest = rest[(slash + 1)..];
        }
    }

    // serde_json: replace("~1", "/") then replace("~0", "~"), in that order.
    private static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> token) =>
        token.ToString().Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static bool TryStep(in Value target, ReadOnlySpan<char> token, out Value result)
    {
        switch (target.Kind)
        {
            case ValueKind.Object:
                return TryGetMember(target.AsObject!, token, out result);
            case ValueKind.Array:
                var items = target.ArrayItems;
                if (TryParseIndex(token, out ulong index) && index < (ulong)items.Length)
                {
                    result = items[(int)index];
                    return true;
                }
                break;
        }
        result = default;
        return false;
    }

    // serde_json's parse_index: usize digits, no '+', no leading zero (except "0" itself).
    private static bool TryParseIndex(ReadOnlySpan<char> token, out ulong index)
    {
        index = 0;
        if (token.IsEmpty || (token[0] == '0' && token.Length != 1)) return false;
        foreach (char c in token)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9 || index > (ulong.MaxValue - digit) / 10) return false;
            index = index * 10 + digit;
        }
        return true;
    }

    // Binary search over the members, which are sorted in UTF-8 byte order (see Utf8Order).
    private static bool TryGetMember(ValueObject obj, ReadOnlySpan<char> name, out Value value)
    {
        var members = obj.Members;
        int lo = 0, hi = members.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = CompareUtf8(members[mid].Key, name);
            if (c == 0)
            {
                value = members[mid].Value;
                return true;
            }
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        value = default;
        return false;
    }

    // Same order as Utf8Order.Compare, over a span.
    private static int CompareUtf8(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        int length = Math.Min(left.Length, right.Length);
        int common = left[..length].CommonPrefixLength(right[..length]);
        if (common < length)
        {
            char a = left[common], b = right[common];
            bool aSurrogate = char.IsSurrogate(a), bSurrogate = char.IsSurrogate(b);
            if (aSurrogate != bSurrogate) return aSurrogate ? 1 : -1;
            return a < b ? -1 : 1;
        }
        return left.Length.CompareTo(right.Length);
    }
}
