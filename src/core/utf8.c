/* utf8.c: display width of UTF-8 text in a terminal (CJK characters take two columns). */
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* East Asian Wide and Fullwidth ranges (Unicode UAX #11) that Chinese text uses. */
static int codepoint_is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

int pc_utf8_width(const char *s)
{
    int width = 0;
    if (s == NULL)
        return 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        uint32_t c;
        int len;
        if (*p < 0x80) {
            c = *p;
            len = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            len = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            len = 3;
        } else if ((*p & 0xF8) == 0xF0) {
            c = *p & 0x07;
            len = 4;
        } else {
            p++; /* stray continuation byte: count nothing */
            continue;
        }
        int i;
        for (i = 1; i < len && (p[i] & 0xC0) == 0x80; i++)
            c = (c << 6) | (p[i] & 0x3F);
        p += i;
        width += codepoint_is_wide(c) ? 2 : 1;
    }
    return width;
}

int pc_utf8_pad(FILE *f, const char *s, int width, int right)
{
    int pad = width - pc_utf8_width(s);
    if (right)
        for (; pad > 0; pad--)
            fputc(' ', f);
    if (s != NULL)
        fputs(s, f);
    if (!right)
        for (; pad > 0; pad--)
            fputc(' ', f);
    return ferror(f) ? -1 : 0;
}

/* Length of the well-formed UTF-8 sequence at p, or 0 if it is not one. */
static size_t sequence_length(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t len;
    uint32_t c, min;
    if ((p[0] & 0xE0) == 0xC0) {
        len = 2, c = p[0] & 0x1F, min = 0x80;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3, c = p[0] & 0x0F, min = 0x800;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4, c = p[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    return len;
}

int pc_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t len = sequence_length(p);
        if (len == 0)
            return 0;
        p += len;
    }
    return 1;
}

char *pc_utf8_repair(const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    char *out = malloc(strlen(s) * 3 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    char *q = out;
    while (*p != '\0') {
        size_t len = sequence_length(p);
        if (len == 0) {
            memcpy(q, replacement, 3);
            q += 3;
            p++;
        } else {
            memcpy(q, p, len);
            q += len;
            p += len;
        }
    }
    *q = '\0';
    return out;
}
