// Copyright (c) flowr contributors. MIT licence.
using System.Text;
using Flowr.Runtime.Execution;
using Flowr.Runtime.Values;

namespace Flowr.Runtime.Wasm;

/// <summary>
/// Decodes a provided function's result, the JSON upstream flow's modules write:
/// <c>{"Ok":[value or null, run_again]}</c> or <c>{"Err":"message"}</c>; a null value means no output.
/// </summary>
internal static class WasmResult
{
    private const int QuotedBytes = 80;

    private static ReadOnlySpan<byte> OkPrefix => "{\"Ok\":["u8;
    private static ReadOnlySpan<byte> TrueSuffix => ",true]}"u8;
    private static ReadOnlySpan<byte> FalseSuffix => ",false]}"u8;

    /// <summary>The outcome; an error message is prefixed by nothing (the caller names the function).</summary>
    public static JobOutcome Decode(ReadOnlySpan<byte> utf8)
    {
        // Fast path for the compact form every serde_json guest writes: only the value is parsed.
        if (utf8.StartsWith(OkPrefix))
        {
            bool again = utf8.EndsWith(TrueSuffix);
            if (again || utf8.EndsWith(FalseSuffix))
            {
                var inner = utf8[OkPrefix.Length..^(again ? TrueSuffix.Length : FalseSuffix.Length)];
                if (inner.SequenceEqual("null"u8)) return JobOutcome.NoOutput(again);
                if (ValueJson.TryParse(inner, out Value value)) return JobOutcome.Ok(value, again);
            }
        }
        if (!ValueJson.TryParse(utf8, out Value result)) return Malformed("is not JSON", utf8);
        var members = result.AsObject is { } envelope ? envelope.Members : default;
        if (members.Length != 1) return Malformed("is not {\"Ok\": [...]} or {\"Err\": \"...\"}", utf8);

        var (key, body) = (members[0].Key, members[0].Value);
        if (key == "Err")
        {
            return JobOutcome.Fail(body.TryGetString(out string? message) ? message : ValueJson.ToCompactString(body));
        }
        ReadOnlySpan<Value> items = body.ArrayItems;
        if (key != "Ok" || items.Length != 2 || !items[1].TryGetBoolean(out bool runAgain))
        {
            return Malformed("is not {\"Ok\": [value, run_again]} or {\"Err\": \"...\"}", utf8);
        }
        return items[0].IsNull ? JobOutcome.NoOutput(runAgain) : JobOutcome.Ok(items[0], runAgain);
    }

    private static JobOutcome Malformed(string problem, ReadOnlySpan<byte> utf8)
    {
        string text = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, QuotedBytes)]);
        string more = utf8.Length > QuotedBytes ? "…" : "";
        return JobOutcome.Fail($"the result '{text}{more}' {problem}");
    }
}
