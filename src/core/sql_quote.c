/* sql_quote.c: SQL literals and identifiers from arbitrary names. */
#include "core/sql_quote.h"

#include <stdlib.h>
#include <string.h>

/* `s` between two `q` characters with every `q` inside doubled; caller frees. */
static char *quote(const char *s, char q)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == q ? 2 : 1;
    char *out = malloc(n + 3);
    if (out == NULL)
        return NULL;
    char *o = out;
    *o++ = q;
    for (const char *p = s; *p; p++) {
        if (*p == q)
            *o++ = q;
        *o++ = *p;
    }
    *o++ = q;
    *o = '\0';
    return out;
}

char *pc_sql_literal(const char *s)
{
    return quote(s, '\'');
}

char *pc_sql_ident(const char *s)
{
    return quote(s, '"');
}
