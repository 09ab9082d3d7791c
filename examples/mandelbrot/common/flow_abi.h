// Copyright (c) flowr contributors. MIT licence.
// Shared helpers of the mandelbrot provided functions (wasm32, no libc): the ABI's alloc
// (runtime/Wasm/README.md), a scanner that takes the numbers of a JSON document in order, and
// writers for integers and decimals. Results are deterministic, so every architecture that runs
// the module produces the same image.
#ifndef FLOW_ABI_H
#define FLOW_ABI_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef long long i64;
typedef unsigned long long u64;

#define HEAP_BYTES (64u * 1024u)

static u8 heap[HEAP_BYTES];

__attribute__((export_name("alloc"))) u8 *alloc(int size) {
    if (size < 0 || (u32)size > HEAP_BYTES) __builtin_trap();
    return heap;
}

// Exact powers of ten: a decimal with at most 15 significant digits and |exponent| <= 22 converts
// with a single rounding.
static const double powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static double scale(double value, int exponent) {
    while (exponent > 22) { value *= 1e22; exponent -= 22; }
    while (exponent < -22) { value /= 1e22; exponent += 22; }
    return exponent >= 0 ? value * powers_of_ten[exponent] : value / powers_of_ten[-exponent];
}

// Reads up to `max` numbers from the JSON text in document order; returns how many were found.
static int scan_numbers(const u8 *p, int len, double *numbers, int max) {
    int count = 0, i = 0;
    while (i < len && count < max) {
        u8 c = p[i];
        if (c == '"') {  // skip strings: digits inside them are not numbers
            for (i++; i < len && p[i] != '"'; i++) if (p[i] == '\\') i++;
            i++;
            continue;
        }
        if (c != '-' && (c < '0' || c > '9')) { i++; continue; }
        int negative = c == '-';
        if (negative) i++;
        u64 mantissa = 0;
        int exponent = 0, digits = 0;
        for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
            if (digits < 19) { mantissa = mantissa * 10 + (u64)(p[i] - '0'); if (mantissa) digits++; }
            else exponent++;
        }
        if (i < len && p[i] == '.') {
            for (i++; i < len && p[i] >= '0' && p[i] <= '9'; i++) {
                if (digits < 19) { mantissa = mantissa * 10 + (u64)(p[i] - '0'); exponent--; if (mantissa) digits++; }
            }
        }
        if (i < len && (p[i] == 'e' || p[i] == 'E')) {
            i++;
            int sign = 1, value = 0;
            if (i < len && (p[i] == '+' || p[i] == '-')) { if (p[i] == '-') sign = -1; i++; }
            for (; i < len && p[i] >= '0' && p[i] <= '9'; i++) if (value < 10000) value = value * 10 + (p[i] - '0');
            exponent += sign * value;
        }
        double number = scale((double)mantissa, exponent);
        numbers[count++] = negative ? -number : number;
    }
    return count;
}

static int put_text(u8 *out, int n, const char *text) {
    while (*text) out[n++] = (u8)*text++;
    return n;
}

static int put_unsigned(u8 *out, int n, u64 value) {
    u8 digits[20];
    int count = 0;
    do { digits[count++] = (u8)('0' + value % 10); value /= 10; } while (value);
    while (count) out[n++] = digits[--count];
    return n;
}

// Fixed point with 15 decimals, trailing zeros trimmed (at least one decimal): exact enough for
// points in the complex plane near the Mandelbrot set, and the same on every architecture.
static int put_decimal(u8 *out, int n, double value) {
    if (value < 0) { out[n++] = '-'; value = -value; }
    u64 scaled = (u64)(value * 1e15 + 0.5);
    n = put_unsigned(out, n, scaled / 1000000000000000ull);
    out[n++] = '.';
    u64 fraction = scaled % 1000000000000000ull;
    u8 digits[15];
    for (int k = 14; k >= 0; k--) { digits[k] = (u8)('0' + fraction % 10); fraction /= 10; }
    int last = 14;
    while (last > 0 && digits[last] == '0') last--;
    for (int k = 0; k <= last; k++) out[n++] = digits[k];
    return n;
}

static int put_error(u8 *out, const char *message) {
    int n = put_text(out, 0, "{\"Err\":\"");
    n = put_text(out, n, message);
    return put_text(out, n, "\"}");
}

#endif
