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
    /* strips even on one thread: the result must not depend on the thread count */
    if (n < PC_PARALLEL_UNION_MIN)
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

/* The tiles of a tiled union: tile t (column t % nx, row t / nx) meets
 * geoms[members[first[t] .. first[t + 1] - 1]] (with width > 0: their buffers); its clipped
 * union goes into out[t]. */
struct tiles {
    GEOSGeometry *const *geoms;
    size_t *first, *members;
    size_t nx;
    double x0, y0, tile;
    double width; /* > 0: union the members' buffers of this width, made in the tile */
    int quadsegs;
    GEOSGeometry **out;
};

/* The buffers of the n members of a tile, made in context g and unioned (taking them). */
static GEOSGeometry *union_buffers(struct pc_geos *g, const struct tiles *tl, size_t t,
                                   GEOSGeometry **members, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        members[i] =
            GEOSBuffer_r(g->h, tl->geoms[tl->members[tl->first[t] + i]], tl->width, tl->quadsegs);
        if (members[i] == NULL) {
            while (i-- > 0)
                GEOSGeom_destroy_r(g->h, members[i]);
            pc_geos_fail(g, "buffering a line of a tile");
            return NULL;
        }
    }
    return pc_geom_union_take(g, members, n);
}

static int union_tile(struct pc_geos *g, void *state, size_t t, void *data)
{
    struct tiles *tl = data;
    (void)state;
    size_t n = tl->first[t + 1] - tl->first[t];
    if (n == 0)
        return PC_OK;
    GEOSGeometry **members = malloc(n * sizeof *members);
    if (members == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    GEOSGeometry *u;
    if (tl->width > 0) {
        u = union_buffers(g, tl, t, members, n);
    } else {
        for (size_t i = 0; i < n; i++)
            members[i] = tl->geoms[tl->members[tl->first[t] + i]];
        u = pc_geom_union_copy(g, members, n);
    }
    free(members);
    if (u == NULL)
        return PC_ERR_RUN;
    double x0 = tl->x0 + tl->tile * (double)(t % tl->nx),
           y0 = tl->y0 + tl->tile * (double)(t / tl->nx);
    GEOSGeometry *rect = pc_geom_rectangle(g, x0, y0, x0 + tl->tile, y0 + tl->tile);
    int rc = rect ? pc_geom_intersect_polygons(g, u, rect, &tl->out[t]) : PC_ERR_RUN;
    if (rect != NULL)
        GEOSGeom_destroy_r(g->h, rect);
    GEOSGeom_destroy_r(g->h, u);
    return rc;
}

/* The union of geoms (width > 0: of their buffers) in tiles; see pc_geom_union_tiled. */
static GEOSGeometry *union_tiled(struct pc_geos *g, GEOSGeometry *const *geoms, size_t n,
                                 double tile, double width, int quadsegs)
{
    GEOSContextHandle_t h = g->h;
    double(*box)[4] = malloc((n ? n : 1) * sizeof *box);
    struct tiles tl = {.geoms = geoms, .tile = tile, .width = width, .quadsegs = quadsegs};
    GEOSGeometry *result = NULL;
    size_t n_tiles = 0;
    int rc = box ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    /* envelopes, computed here once: the threads then only read them */
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        GEOSGeom_getXMin_r(h, geoms[i], &box[i][0]);
        GEOSGeom_getYMin_r(h, geoms[i], &box[i][1]);
        GEOSGeom_getXMax_r(h, geoms[i], &box[i][2]);
        GEOSGeom_getYMax_r(h, geoms[i], &box[i][3]);
        if (width > 0) { /* the buffer's envelope */
            box[i][0] -= width, box[i][1] -= width;
            box[i][2] += width, box[i][3] += width;
        }
        x0 = i == 0 || box[i][0] < x0 ? box[i][0] : x0;
        y0 = i == 0 || box[i][1] < y0 ? box[i][1] : y0;
        x1 = i == 0 || box[i][2] > x1 ? box[i][2] : x1;
        y1 = i == 0 || box[i][3] > y1 ? box[i][3] : y1;
    }
    size_t nx = (size_t)((x1 - x0) / tile) + 1, ny = (size_t)((y1 - y0) / tile) + 1;
    tl.nx = nx;
    tl.x0 = x0;
    tl.y0 = y0;
    n_tiles = n > 0 ? nx * ny : 0;
    tl.first = calloc(n_tiles + 2, sizeof *tl.first);
    tl.out = calloc(n_tiles ? n_tiles : 1, sizeof *tl.out);
    if (rc == PC_OK && (tl.first == NULL || tl.out == NULL))
        rc = pc_error(PC_ERR_RUN, "out of memory");
    /* members by tile, in two passes: count, then fill (geometry order kept in each tile) */
    size_t total = 0;
    for (int pass = 0; rc == PC_OK && pass < 2; pass++) {
        if (pass == 1) {
            for (size_t t = 0; t < n_tiles; t++)
                tl.first[t + 1] += tl.first[t];
            total = tl.first[n_tiles];
            tl.members = malloc((total ? total : 1) * sizeof *tl.members);
            if (tl.members == NULL) {
                rc = pc_error(PC_ERR_RUN, "out of memory");
                break;
            }
        }
        for (size_t i = 0; i < n; i++) {
            size_t c0 = (size_t)((box[i][0] - x0) / tile), c1 = (size_t)((box[i][2] - x0) / tile);
            size_t r0 = (size_t)((box[i][1] - y0) / tile), r1 = (size_t)((box[i][3] - y0) / tile);
            for (size_t r = r0; r <= r1 && r < ny; r++)
                for (size_t c = c0; c <= c1 && c < nx; c++) {
                    if (pass == 0)
                        tl.first[r * nx + c + 1]++;
                    else
                        tl.members[tl.first[r * nx + c]++] = i;
                }
        }
    }
    if (rc == PC_OK) {
        /* the fill pass moved each first[t] to the end of its tile: shift back */
        for (size_t t = n_tiles; t > 0; t--)
            tl.first[t] = tl.first[t - 1];
        tl.first[0] = 0;
        struct pc_parallel_job job = {.n = n_tiles, .chunk = 1, .data = &tl, .item = union_tile};
        rc = pc_parallel_run(&job, NULL, 0, 0, NULL);
    }
    if (rc == PC_OK) {
        size_t kept = 0;
        for (size_t t = 0; t < n_tiles; t++)
            if (tl.out[t] != NULL)
                tl.out[kept++] = tl.out[t];
        result = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, tl.out, (unsigned)kept);
        if (result == NULL)
            pc_geos_fail(g, "collecting the tiles of a union");
        n_tiles = 0; /* the collection took them (or, on failure, GEOS freed them) */
    }
    for (size_t t = 0; t < n_tiles; t++)
        if (tl.out[t] != NULL)
            GEOSGeom_destroy_r(h, tl.out[t]);
    free(box);
    free(tl.first);
    free(tl.members);
    free(tl.out);
    return result;
}

GEOSGeometry *pc_geom_union_tiled(struct pc_geos *g, GEOSGeometry **geoms, size_t n, double tile)
{
    GEOSGeometry *result = union_tiled(g, geoms, n, tile, 0, 0);
    for (size_t i = 0; i < n; i++)
        GEOSGeom_destroy_r(g->h, geoms[i]);
    return result;
}

GEOSGeometry *pc_geom_buffer_union_tiled(struct pc_geos *g, GEOSGeometry *const *lines, size_t n,
                                         double width, int quadsegs, double tile)
{
    return union_tiled(g, lines, n, tile, width, quadsegs);
}
