// Copyright (c) flowr contributors. MIT licence.
// pixel_to_point: inputs [bounds, pixel, size] = [[[left, top], [right, bottom]], [x, y], [width, height]];
// result [[x, y], [re, im]], the pixel and its point in the complex plane (y grows downwards,
// the imaginary part upwards).
#include "../common/flow_abi.h"

__attribute__((export_name("run_wasm"))) int run_wasm(u8 *p, int len) {
    double n[8];
    if (scan_numbers(p, len, n, 8) != 8) return put_error(p, "pixel_to_point needs bounds, pixel and size");
    double left = n[0], top = n[1], right = n[2], bottom = n[3];
    double x = n[4], y = n[5], width = n[6], height = n[7];
    if (width <= 0 || height <= 0 || x < 0 || y < 0) return put_error(p, "pixel_to_point: bad pixel or size");
    double re = left + x * ((right - left) / width);
    double im = top - y * ((top - bottom) / height);
    int out = put_text(p, 0, "{\"Ok\":[[[");
    out = put_unsigned(p, out, (u64)x);
    p[out++] = ',';
    out = put_unsigned(p, out, (u64)y);
    out = put_text(p, out, "],[");
    out = put_decimal(p, out, re);
    p[out++] = ',';
    out = put_decimal(p, out, im);
    return put_text(p, out, "]],true]}");
}
