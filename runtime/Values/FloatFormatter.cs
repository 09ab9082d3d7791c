// Copyright (c) flowr contributors. MIT licence.
using System.Globalization;

namespace Flowr.Runtime.Values;

/// <summary>
/// Formats an f64 the way serde_json (ryu) prints it: the shortest digits that round-trip, laid out
/// as in docs/values.md (<c>2.0</c>, <c>1.5</c>, <c>0.00001</c>, <c>1e16</c>, <c>1.234e-7</c>).
/// </summary>
public static class FloatFormatter
{
    /// <summary>Enough bytes for any formatted f64 (the longest is 24, e.g. <c>-1.2345678901234567e-308</c>).</summary>
    public const int MaxLength = 32;

    // NOTE: 17 significant digits is the most a shortest round-trip f64 needs.
    private const int MaxDigits = 24;

    /// <summary>Writes the text of a finite <paramref name="value"/> as UTF-8; false when
    /// <paramref name="destination"/> is too short or the value is not finite.</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value)) return false;
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(value, buffer);
        if (length > destination.Length) return false;
        buffer[..length].CopyTo(destination);
        written = length;
        return true;
    }

    /// <summary>The text of a finite <paramref name="value"/>.</summary>
    public static string ToString(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "a JSON number must be finite");
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(value, buffer);
        return string.Create(length, buffer[..length], static (chars, bytes) =>
        {
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
        });
    }

    // Writes into a buffer of at least MaxLength bytes; returns the length.
    internal static int Format(double value, Span<byte> output)
    {
        int pos = 0;
        bool negative = double.IsNegative(value);
        if (negative) output[pos++] = (byte)'-';
        if (value == 0)
        {
            output[pos++] = (byte)'0';
            output[pos++] = (byte)'.';
            output[pos++] = (byte)'0';
            return pos;
        }

        // .NET's "R" gives the shortest round-trip digits in its own layout ("1.5E+16", "0.0001",
        // "123.45"); take the digits and the decimal point position out of it.
        Span<byte> raw = stackalloc byte[MaxLength];
        double.Abs(value).TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture);
        Span<byte> digits = stackalloc byte[MaxDigits];
        int count = 0, point = -1, i = 0;
        for (; i < rawLength; i++)
        {
            byte c = raw[i];
            if (c == (byte)'.') point = count;
            else if (c == (byte)'E') break;
            else digits[count++] = c;
        }
        if (point < 0) point = count;
        if (i < rawLength)
        {
            i++;
            bool negativeExponent = raw[i] == (byte)'-';
            if (raw[i] == (byte)'-' || raw[i] == (byte)'+') i++;
            int exponent = 0;
            for (; i < rawLength; i++) exponent = exponent * 10 + (raw[i] - '0');
            point += negativeExponent ? -exponent : exponent;
        }

        int start = 0;
        while (digits[start] == (byte)'0')
        {
            start++;
            point--;
        }
        while (digits[count - 1] == (byte)'0') count--;
        return Layout(digits[start..count], point, output[pos..]) + pos;
    }

    // kk is the decimal point position, 10^(kk-1) <= |v| < 10^kk.
    private static int Layout(ReadOnlySpan<byte> digits, int kk, Span<byte> output)
    {
        int n = digits.Length, pos = 0;
        if (kk >= n && kk <= 16)
        {
            // Integral: digits, padding zeros, ".0".
            digits.CopyTo(output);
            pos = n;
            for (; pos < kk; pos++) output[pos] = (byte)'0';
            output[pos++] = (byte)'.';
            output[pos++] = (byte)'0';
        }
        else if (kk > 0 && kk <= 16)
        {
            digits[..kk].CopyTo(output);
            output[kk] = (byte)'.';
            digits[kk..].CopyTo(output[(kk + 1)..]);
            pos = n + 1;
        }
        else if (kk > -5 && kk <= 0)
        {
            output[pos++] = (byte)'0';
            output[pos++] = (byte)'.';
            for (int z = 0; z < -kk; z++) output[pos++] = (byte)'0';
            digits.CopyTo(output[pos..]);
            pos += n;
        }
        else
        {
            output[pos++] = digits[0];
            if (n > 1)
            {
                output[pos++] = (byte)'.';
                digits[1..].CopyTo(output[pos..]);
                pos += n - 1;
            }
            output[pos++] = (byte)'e';
            int exponent = kk - 1;
            if (exponent < 0)
            {
                output[pos++] = (byte)'-';
                exponent = -exponent;
            }
            exponent.TryFormat(output[pos..], out int exponentLength, default, CultureInfo.InvariantCulture);
            pos += exponentLength;
        }
        return pos;
    }
}
