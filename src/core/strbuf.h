/* strbuf.h: a growable string for building XML and SQL; an allocation failure is sticky and
 * checked once at the end. */
#ifndef PC_STRBUF_H
#define PC_STRBUF_H

#include <stddef.h>

struct pc_buf {
    char *s;    /* NUL-terminated contents (owned), NULL until something is added */
    size_t len; /* bytes before the NUL */
    size_t cap;
    int failed; /* an allocation failed: contents are incomplete */
};

/* Appends printf-style text. */
void pc_buf_printf(struct pc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s as is. */
void pc_buf_add(struct pc_buf *b, const char *s);

/* Appends s with & < > " ' escaped for XML text and attributes. */
void pc_buf_add_xml(struct pc_buf *b, const char *s);

/* Hands the contents to the caller (free() them) and empties b; NULL with pc_error() when
 * an allocation failed on the way. */
char *pc_buf_take(struct pc_buf *b);

/* Frees the contents and empties b. */
void pc_buf_free(struct pc_buf *b);

#endif
