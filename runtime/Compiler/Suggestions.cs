// Copyright (c) flowr contributors. MIT licence.
using System.Text;

namespace Flowr.Runtime.Compiler;

/// <summary>
/// The tail of an "unknown name" message: the names that exist there and, when one is close to the
/// name written, "did you mean".
/// </summary>
internal static class Suggestions
{
    // NOTE: generated flows can have tens of thousands of processes; the message shows a few.
    private const int MaximumListed = 12;

    /// <summary>
    /// "; &lt;what&gt;: 'a', 'b', 'c' (did you mean 'b'?)", or "; &lt;what&gt;: none".
    /// An empty name is shown as <paramref name="emptyName"/> (a default IO).
    /// </summary>
    public static string Describe(string written, IEnumerable<string> candidates, string what, string emptyName = DefaultIo)
    {
        var names = candidates.Distinct(StringComparer.Ordinal).ToList();
        return Listing(names, what, emptyName) + DidYouMean(written, names);
    }

    /// <summary>The name shown for a default (unnamed) IO.</summary>
    public const string DefaultIo = "the default (unnamed) one";

    /// <summary>"; &lt;what&gt;: 'a', 'b', 'c'", or "; &lt;what&gt;: none".</summary>
    public static string Listing(IEnumerable<string> candidates, string what, string emptyName = DefaultIo)
    {
        var names = candidates.Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return $"; {what}: none";
        var text = new StringBuilder("; ").Append(what).Append(": ");
        for (int i = 0; i < names.Count && i < MaximumListed; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(names[i].Length == 0 ? emptyName : $"'{names[i]}'");
        }
        if (names.Count > MaximumListed) text.Append($", … ({names.Count} in all)");
        return text.ToString();
    }

    /// <summary>" (did you mean 'x'?)" when one candidate is close, else "".</summary>
    public static string DidYouMean(string written, IEnumerable<string> candidates) =>
        Closest(written, candidates) is { } close ? $" (did you mean '{close}'?)" : "";

    /// <summary>The candidate nearest to <paramref name="written"/> by edit distance, when it is close enough to be a typo.</summary>
    public static string? Closest(string written, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            if (candidate.Length == 0 || string.Equals(candidate, written, StringComparison.Ordinal)) continue;
            int shorter = Math.Min(written.Length, candidate.Length);
            // Up to a third of the letters may differ (at least one), but never the whole word: "b" is not a typo of "a".
            int allowed = Math.Min(Math.Max(1, shorter / 3), shorter - 1);
            if (Math.Abs(candidate.Length - written.Length) > allowed) continue;
            int distance = Distance(written, candidate, allowed);
            bool sameIgnoringCase = string.Equals(candidate, written, StringComparison.OrdinalIgnoreCase);
            if (sameIgnoringCase) distance = 0;
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    // Levenshtein distance with adjacent transpositions; stops early past `limit`.
    private static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMinimum = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit) return rowMinimum;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}
