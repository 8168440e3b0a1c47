/* utf8.h: display width of UTF-8 text in a terminal (CJK characters take two columns). */
#ifndef PC_UTF8_H
#define PC_UTF8_H

#include <stdio.h>

/* Terminal columns that UTF-8 string s occupies; NULL is 0. Locale-independent. */
int pc_utf8_width(const char *s);

/* Writes s to f padded with spaces to `width` columns (left-aligned, or right-aligned if
 * `right`); s NULL prints as empty. Returns 0, or -1 on a write error. */
int pc_utf8_pad(FILE *f, const char *s, int width, int right);

/* Nonzero if s is well-formed UTF-8 (no overlong forms, surrogates or stray bytes). */
int pc_utf8_valid(const char *s);

/* Copy of s with every byte that is not part of well-formed UTF-8 replaced by U+FFFD;
 * caller frees. NULL on out of memory. */
char *pc_utf8_repair(const char *s);

#endif
