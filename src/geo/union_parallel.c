/* union_parallel.c: a union of many geometries on several threads, strip by strip. */
#include "geo/union_parallel.h"

#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/parallel.h"

/* Strips of a parallel union: a fixed number, so that the result does not depend on the
 * thread count, and several per thread on a small machine, so that a thread with a heavy
 * strip is not left alone. */
#define PC_UNION_STRIPS 16

/* A geometry and the x of its envelope's centre, for sorting into strips. */
struct keyed {
    double x;
    GEOSGeometry *geom;
};

static int by_x(const void *a, const void *b)
{
    double x = ((const struct keyed *)a)->x, y = ((const struct keyed *)b)->x;
    return (x > y) - (x < y);
}

/* The strips: strip s holds keyed[first[s] .. first[s + 1] - 1]; each thread replaces its
 * strip's geometries by their union in out[s]. */
struct strips {
    struct keyed *keyed;
    size_t *first;
    GEOSGeometry **out;
};

static int union_strip(struct pc_geos *g, void *state, size_t s, void *data)
{
    struct strips *st = data;
    (void)state;
    size_t n = st->first[s + 1] - st->first[s];
    GEOSGeometry **geoms = malloc((n ? n : 1) * sizeof *geoms);
    if (geoms == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < n; i++) {
        geoms[i] = st->keyed[st->first[s] + i].geom;
        st->keyed[st->first[s] + i].geom = NULL; /* the union takes it */
    }
    st->out[s] = pc_geom_union_take(g, geoms, n);
    free(geoms);
    return st->out[s] ? PC_OK : PC_ERR_RUN;
}

GEOSGeometry *pc_geom_union_take_parallel(struct pc_geos *g, GEOSGeometry **geoms, size_t n)
{
    int threads = pc_threads();
    if (threads == 1 || n < PC_PARALLEL_UNION_MIN)
        return pc_geom_union_take(g, geoms, n);
    size_t n_strips = PC_UNION_STRIPS;
    struct keyed *keyed = malloc(n * sizeof *keyed);
    size_t *first = malloc((n_strips + 1) * sizeof *first);
    GEOSGeometry **out = calloc(n_strips, sizeof *out);
    GEOSGeometry *result = NULL;
    if (keyed == NULL || first == NULL || out == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        for (size_t i = 0; i < n; i++)
            GEOSGeom_destroy_r(g->h, geoms[i]);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double x0 = 0, x1 = 0;
        GEOSGeom_getXMin_r(g->h, geoms[i], &x0);
        GEOSGeom_getXMax_r(g->h, geoms[i], &x1);
        keyed[i] = (struct keyed){(x0 + x1) / 2, geoms[i]};
    }
    qsort(keyed, n, sizeof *keyed, by_x);
    for (size_t s = 0; s <= n_strips; s++)
        first[s] = n * s / n_strips;
    struct strips st = {keyed, first, out};
    struct pc_parallel_job job = {.n = n_strips, .chunk = 1, .data = &st, .item = union_strip};
    int rc = pc_parallel_run(&job, NULL, 0, 0, NULL);
    if (rc == PC_OK) {
        result = pc_geom_union_take(g, out, n_strips); /* takes the strips' unions */
        for (size_t s = 0; s < n_strips; s++)
            out[s] = NULL;
    }
    /* after an error: what no strip took, and the unions made */
    for (size_t i = 0; i < n; i++)
        if (keyed[i].geom != NULL)
            GEOSGeom_destroy_r(g->h, keyed[i].geom);
    for (size_t s = 0; s < n_strips; s++)
        if (out[s] != NULL)
            GEOSGeom_destroy_r(g->h, out[s]);
done:
    free(keyed);
    free(first);
    free(out);
    return result;
}
