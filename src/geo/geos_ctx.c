/* geos_ctx.c: GEOS context creation and per-context error capture. */
#include "geo/geos_ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

/* GEOS message handler: keeps the last error in the context's own buffer, on one line (GEOS
 * ends some messages with a newline; an error is one line). */
static void on_geos_error(const char *message, void *data)
{
    struct pc_geos *g = data;
    snprintf(g->last_error, sizeof g->last_error, "%s", message);
    for (char *p = g->last_error; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t n = strlen(g->last_error);
    while (n > 0 && g->last_error[n - 1] == ' ')
        g->last_error[--n] = '\0';
}

/* GEOS notices (e.g. the reason a geometry is invalid) are not errors: ignored. */
static void on_geos_notice(const char *message, void *data)
{
    (void)message;
    (void)data;
}

struct pc_geos *pc_geos_new(void)
{
    struct pc_geos *g = calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    g->h = GEOS_init_r();
    if (g->h == NULL) {
        free(g);
        return NULL;
    }
    GEOSContext_setErrorMessageHandler_r(g->h, on_geos_error, g);
    GEOSContext_setNoticeMessageHandler_r(g->h, on_geos_notice, g);
    return g;
}

void pc_geos_free(struct pc_geos *g)
{
    if (g == NULL)
        return;
    GEOS_finish_r(g->h);
    free(g);
}

int pc_geos_fail(struct pc_geos *g, const char *what)
{
    return pc_error(PC_ERR_RUN, "%s: GEOS: %s", what,
                    g->last_error[0] ? g->last_error : "unknown error");
}
