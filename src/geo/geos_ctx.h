/* geos_ctx.h: the only place that includes geos_c.h; a GEOS context per thread with its own
 * last-error buffer (DESIGN.md §4.6). */
#ifndef PC_GEOS_CTX_H
#define PC_GEOS_CTX_H

#define GEOS_USE_ONLY_R_API
#include <geos_c.h>

/* Longest GEOS message kept; longer ones are truncated. */
#define PC_GEOS_MESSAGE_MAX 512

struct pc_geos {
    GEOSContextHandle_t h;
    char last_error[PC_GEOS_MESSAGE_MAX];
};

/* A new context for the calling thread; free with pc_geos_free(). NULL on out of memory. */
struct pc_geos *pc_geos_new(void);

/* Finishes the context and frees it; NULL is fine. Geometries made in it must be gone. */
void pc_geos_free(struct pc_geos *g);

/* Records a run error "WHAT: GEOS: <last GEOS message>" and returns PC_ERR_RUN. */
int pc_geos_fail(struct pc_geos *g, const char *what);

#endif
