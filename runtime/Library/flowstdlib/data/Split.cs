// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Library.Data;

/// <summary>
/// <c>data/split</c>: one step of upstream's recursive split (§6). Offsets are UTF-8 byte offsets, as
/// in Rust; the separator matches a single byte, so only a one-byte (ASCII) separator ever splits.
/// A non-string <c>string</c> gives no output; a non-string separator never matches.
/// </summary>
internal sealed class Split : IFunctionImplementation
{
    public static readonly Split Instance = new();

    public JobOutcome Run(ReadOnlySpan<Value> inputs)
    {
        if (!inputs[0].TryGetString(out string? input)) return JobOutcome.NoOutput();
        inputs[1].TryGetString(out string? separator);

        SplitText(input, separator ?? "", out string[]? partial, out string? token);

        // delta: −1 for the consumed input, +1 for each partial produced for further splitting.
        long delta = -1 + (partial?.Length ?? 0);
        var members = new List<KeyValuePair<string, Value>>(4) { LibValues.Member("delta", Value.FromInt64(delta)) };
        if (partial is not null)
        {
            var parts = new Value[partial.Length];
            for (int i = 0; i < parts.Length; i++) parts[i] = Value.FromString(partial[i]);
            members.Add(LibValues.Member("partial", Value.FromArray(parts)));
        }
        if (token is not null) members.Add(LibValues.Member("token", Value.FromString(token)));
        members.Add(LibValues.Member("token-count", Value.FromUInt64(token is null ? 0UL : 1UL)));
        return JobOutcome.Ok(LibValues.Object([.. members]));
    }

    /// <summary>
    /// Trim; empty → nothing; shorter than 3 bytes → the token. Else look for the separator from the
    /// middle (byte len/2) to the end: found → two partials. Else from just before the middle back
    /// to the start: found → the part before as a partial, the part after as the token. Else the
    /// whole text is the token.
    /// </summary>
    internal static void SplitText(string input, string separator, out string[]? partial, out string? token)
    {
        partial = null;
        token = null;
        string text = input.Trim();
        if (text.Length == 0) return;

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length < 3)
        {
            token = text;
            return;
        }

        int separatorByte = -1;
        if (separator.Length == 1 && separator[0] < 0x80) separatorByte = separator[0];

        int middle = bytes.Length / 2;
        if (separatorByte >= 0)
        {
            for (int point = middle; point < bytes.Length; point++)
            {
                if (bytes[point] != separatorByte) continue;
                partial = [Decode(bytes, 0, point), Decode(bytes, point + 1, bytes.Length - point - 1)];
                return;
            }
            for (int point = middle - 1; point >= 0; point--)
            {
                if (bytes[point] != separatorByte) continue;
                partial = [Decode(bytes, 0, point)];
                token = Decode(bytes, point + 1, bytes.Length - point - 1);
                return;
            }
        }
        token = text;
    }

    private static string Decode(byte[] bytes, int start, int length) => Encoding.UTF8.GetString(bytes, start, length);
}
