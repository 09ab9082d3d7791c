// Copyright (c) flowr contributors. MIT licence.
// The provided function `reverse` of examples/reverse-echo, built for wasm32 without libc.
// ABI (runtime/Wasm/README.md): the host calls alloc(max(len, cap)), writes a JSON array of the
// inputs there, calls run_wasm(ptr, len) and reads the result written over the input.
// Input: ["some text"]; result: {"Ok":["txet emos",true]}, characters (code points) reversed.
// An input that is not a string gives no output, as upstream's reverse does.

typedef unsigned char u8;
typedef unsigned int u32;

#define HEAP_BYTES (1u << 20)
#define MAX_CHARS (HEAP_BYTES / 4u)

static u8 heap[HEAP_BYTES];
static u32 chars[MAX_CHARS];

__attribute__((export_name("alloc"))) u8 *alloc(int size) {
    if (size < 0 || (u32)size > HEAP_BYTES) __builtin_trap();
    return heap;
}

static int hex_digit(u8 c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int hex4(const u8 *p, int i, int len, u32 *out) {
    u32 value = 0;
    if (i + 4 > len) return 0;
    for (int k = 0; k < 4; k++) {
        int d = hex_digit(p[i + k]);
        if (d < 0) return 0;
        value = value * 16 + (u32)d;
    }
    *out = value;
    return 1;
}

// Decodes the JSON string starting after its opening quote; returns the count of code points or -1.
static int decode_string(const u8 *p, int i, int len) {
    int count = 0;
    while (i < len && count < (int)MAX_CHARS) {
        u32 c = p[i++];
        if (c == '"') return count;
        if (c == '\\') {
            if (i >= len) return -1;
            u8 e = p[i++];
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '"': case '\\': case '/': c = e; break;
            case 'u': {
                if (!hex4(p, i, len, &c)) return -1;
                i += 4;
                u32 low;
                if (c >= 0xD800 && c < 0xDC00 && i + 6 <= len && p[i] == '\\' && p[i + 1] == 'u'
                    && hex4(p, i + 2, len, &low) && low >= 0xDC00 && low < 0xE000) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }
                break;
            }
            default: return -1;
            }
        } else if (c >= 0x80) {
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            c &= more == 3 ? 0x07 : more == 2 ? 0x0F : 0x1F;
            if (i + more > len) return -1;
            for (int k = 0; k < more; k++) c = (c << 6) | (p[i++] & 0x3F);
        }
        chars[count++] = c;
    }
    return -1;
}

static int put(u8 *out, int n, const char *text) {
    while (*text) out[n++] = (u8)*text++;
    return n;
}

static int put_char(u8 *out, int n, u32 c) {
    static const char hex[] = "0123456789abcdef";
    if (c == '"' || c == '\\') { out[n++] = '\\'; out[n++] = (u8)c; }
    else if (c == '\n') n = put(out, n, "\\n");
    else if (c == '\r') n = put(out, n, "\\r");
    else if (c == '\t') n = put(out, n, "\\t");
    else if (c < 0x20 || (c >= 0xD800 && c < 0xE000)) {
        n = put(out, n, "\\u");
        for (int shift = 12; shift >= 0; shift -= 4) out[n++] = (u8)hex[(c >> shift) & 0xF];
    } else if (c < 0x80) out[n++] = (u8)c;
    else if (c < 0x800) { out[n++] = (u8)(0xC0 | (c >> 6)); out[n++] = (u8)(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        out[n++] = (u8)(0xE0 | (c >> 12)); out[n++] = (u8)(0x80 | ((c >> 6) & 0x3F)); out[n++] = (u8)(0x80 | (c & 0x3F));
    } else {
        out[n++] = (u8)(0xF0 | (c >> 18)); out[n++] = (u8)(0x80 | ((c >> 12) & 0x3F));
        out[n++] = (u8)(0x80 | ((c >> 6) & 0x3F)); out[n++] = (u8)(0x80 | (c & 0x3F));
    }
    return n;
}

__attribute__((export_name("run_wasm"))) int run_wasm(u8 *p, int len) {
    int i = 0;
    while (i < len && (p[i] == ' ' || p[i] == '[')) i++;
    int count = (i < len && p[i] == '"') ? decode_string(p, i + 1, len) : -1;
    if (count < 0) return put(p, 0, "{\"Ok\":[null,true]}");
    int n = put(p, 0, "{\"Ok\":[\"");
    for (int k = count - 1; k >= 0; k--) n = put_char(p, n, chars[k]);
    return put(p, n, "\",true]}");
}
