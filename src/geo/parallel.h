/* parallel.h: the items of a job shared among threads, each thread with its own GEOS context
 * (DESIGN.md §4.6), handed out in small chunks so that uneven items balance. The calling
 * thread works too and alone reports progress. */
#ifndef PC_PARALLEL_H
#define PC_PARALLEL_H

#include <stddef.h>

#include "core/progress.h"
#include "geo/geos_ctx.h"

/* Items a thread takes at a time by default: large enough that taking them costs nothing
 * next to measuring a parcel, small enough that the last chunks balance the threads. */
#define PC_PARALLEL_CHUNK 64

/* Most threads plancheck starts. */
#define PC_MAX_THREADS 64

struct pc_parallel_job {
    size_t n;     /* items 0 .. n-1 */
    size_t chunk; /* items a thread takes at a time; 0: PC_PARALLEL_CHUNK */
    void *data;   /* given to every callback */
    /* Once per thread before its first item: makes the thread's own state in its context g
     * (say, prepared copies of shared geometries, since GEOS prepared geometries and lazily
     * computed envelopes must not be shared between threads) into *state. May be NULL.
     * Returns PC_OK or an error (pc_error set). */
    int (*start)(struct pc_geos *g, void *data, void **state);
    /* Item i, in any thread and any order; it may write only what belongs to item i.
     * Returns PC_OK or an error (pc_error set), which stops the job. */
    int (*item)(struct pc_geos *g, void *state, size_t i, void *data);
    /* Once per thread after its last item (also after an error): releases state. May be
     * NULL. Geometries an item made outlive the thread's context: GEOS contexts share one
     * geometry factory, so any context may destroy them. */
    void (*finish)(struct pc_geos *g, void *state, void *data);
};

/* Threads to use: pc_set_threads()'s value, else the PLANCHECK_THREADS environment variable,
 * else the online processors; between 1 and PC_MAX_THREADS. */
int pc_threads(void);

/* Sets the thread count for later jobs (n <= 0: back to the default). */
void pc_set_threads(int n);

/* Runs every item of job on pc_threads() threads. Progress (may be NULL) runs from lo to hi
 * with message msg. Returns PC_OK, the first error an item or start returned (its message
 * carried over to the calling thread), or PC_ERR_RUN when cancelled or a thread cannot be
 * started. Every item is done exactly once when PC_OK is returned. */
int pc_parallel_run(const struct pc_parallel_job *job, const struct pc_progress *progress,
                    double lo, double hi, const char *msg);

#endif
