// Copyright (c) flowr contributors. MIT licence.
namespace Flowr.Runtime.Values;

/// <summary>
/// Compares strings in the order of their UTF-8 bytes (= code point order), which is how serde_json
/// sorts object keys. Plain ordinal UTF-16 order differs only where a surrogate pair (a code point
/// above U+FFFF) meets a character in U+E000–U+FFFF.
/// </summary>
public static class Utf8Order
{
    public static int Compare(string? left, string? right)
    {
        if (ReferenceEquals(left, right)) return 0;
        if (left is null) return -1;
        if (right is null) return 1;
        int length = Math.Min(left.Length, right.Length);
        for (int i = 0; i < length; i++)
        {
            char a = left[i], b = right[i];
            if (a == b) continue;
            bool aSurrogate = char.IsSurrogate(a), bSurrogate = char.IsSurrogate(b);
            if (aSurrogate != bSurrogate)
            {
                // A surrogate stands for a code point ≥ U+10000: above any BMP character.
                return aSurrogate ? 1 : -1;
            }
            return a < b ? -1 : 1;
        }
        return left.Length.CompareTo(right.Length);
    }
}
