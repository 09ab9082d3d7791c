// Copyright (c) flowr contributors. MIT licence.
// row: input [[y, _], [re, im, width, columns, rows, limit]]; result one line of text: the row y of a
// view `width` wide centred on re + im·i, `columns` characters by `rows` lines, each character
// showing how many iterations of z = z^2 + c (at most `limit`) a point takes to leave |z| <= 2.
// Deep zooms need thousands of iterations a point: each call is heavy work, the kind worth sending
// to another machine.
#include "../../mandelbrot/common/flow_abi.h"

#define MAX_COLUMNS 512

// From few iterations to many; inside the set is the last one.
static const char ramp[] = " .,:;-=+*%#@";

static u32 iterations(double re, double im, u32 limit) {
    double zr = 0.0, zi = 0.0;
    for (u32 i = 0; i < limit; i++) {
        double zr2 = zr * zr, zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) return i;
        zi = 2.0 * zr * zi + im;
        zr = zr2 - zi2 + re;
    }
    return limit;
}

// Characters of the ramp by the bit length of the count, so the thin filaments near the set show.
static char shade(u32 count, u32 limit) {
    if (count >= limit) return ramp[sizeof ramp - 2];
    u32 bits = 0, top = 0;
    while (count >> bits) bits++;
    while (limit >> top) top++;
    u32 index = bits * (u32)(sizeof ramp - 3) / (top ? top : 1);
    return ramp[index];
}

__attribute__((export_name("run_wasm"))) int run_wasm(u8 *p, int len) {
    // The line comes numbered, as data/enumerate gives it: [y, anything].
    double n[8];
    if (scan_numbers(p, len, n, 8) != 8) return put_error(p, "row needs [[y, _], [re, im, width, columns, rows, limit]]");
    double y = n[0], re = n[2], im = n[3], width = n[4];
    int columns = (int)n[5], rows = (int)n[6];
    u32 limit = (u32)n[7];
    if (columns < 1 || columns > MAX_COLUMNS || rows < 1 || y < 0 || y >= rows || limit < 1) {
        return put_error(p, "row: y, columns (1-512), rows and limit out of range");
    }
    // Characters are about twice as tall as wide: a line covers twice the height of a column.
    double step = width / columns;
    double top = im + step * rows;
    int out = put_text(p, 0, "{\"Ok\":[\"");
    for (int x = 0; x < columns; x++) {
        double point_re = re - width / 2 + step * (x + 0.5);
        double point_im = top - 2 * step * (y + 0.5);
        p[out++] = (u8)shade(iterations(point_re, point_im, limit), limit);
    }
    return put_text(p, out, "\",true]}");
}
