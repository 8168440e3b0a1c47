/* strbuf.c: growable strings (see strbuf.h). */
#include "core/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

/* Makes room for `more` bytes and the NUL; 0, or -1 with b->failed set. */
static int grow(struct pc_buf *b, size_t more)
{
    if (b->failed)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (s == NULL) {
        b->failed = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void pc_buf_add(struct pc_buf *b, const char *s)
{
    size_t n = strlen(s);
    if (grow(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void pc_buf_add_xml(struct pc_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            pc_buf_add(b, "&amp;");
            break;
        case '<':
            pc_buf_add(b, "&lt;");
            break;
        case '>':
            pc_buf_add(b, "&gt;");
            break;
        case '"':
            pc_buf_add(b, "&quot;");
            break;
        case '\'':
            pc_buf_add(b, "&apos;");
            break;
        default:
            if (grow(b, 1) == 0) {
                b->s[b->len++] = *s;
                b->s[b->len] = '\0';
            }
        }
    }
}

char *pc_buf_take(struct pc_buf *b)
{
    if (b->failed || grow(b, 0) != 0) {
        pc_buf_free(b);
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    char *s = b->s;
    memset(b, 0, sizeof *b);
    return s;
}

void pc_buf_free(struct pc_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}
