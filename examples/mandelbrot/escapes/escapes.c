// Copyright (c) flowr contributors. MIT licence.
// escapes: input [[[x, y], [re, im]]]; result [[x, y], [v, v, v]] where v is the number of
// iterations (at most 255) before z = z^2 + c leaves the circle of radius 2: a grey pixel.
#include "../common/flow_abi.h"

#define LIMIT 255

static u32 escapes(double re, double im) {
    if (re * re + im * im > 4.0) return 0;
    double zr = re, zi = im;
    for (u32 i = 1; i < LIMIT; i++) {
        double next = zr * zr - zi * zi + re;
        zi = 2.0 * zr * zi + im;
        zr = next;
        if (zr * zr + zi * zi > 4.0) return i;
    }
    return LIMIT;
}

__attribute__((export_name("run_wasm"))) int run_wasm(u8 *p, int len) {
    double n[4];
    if (scan_numbers(p, len, n, 4) != 4) return put_error(p, "escapes needs [[x, y], [re, im]]");
    u32 value = escapes(n[2], n[3]);
    int out = put_text(p, 0, "{\"Ok\":[[[");
    out = put_unsigned(p, out, (u64)n[0]);
    p[out++] = ',';
    out = put_unsigned(p, out, (u64)n[1]);
    out = put_text(p, out, "],[");
    for (int k = 0; k < 3; k++) {
        if (k) p[out++] = ',';
        out = put_unsigned(p, out, value);
    }
    return put_text(p, out, "]],true]}");
}
