/* subdivide.c: a polygonal geometry cut into small pieces under an STRtree (subdivide.h). */
#include "geo/subdivide.h"

#include <stdint.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"
#include "geo/hits.h"

/* One piece and the rectangle it was cut with: its sides are the only places where two
 * pieces can share more than points. */
struct piece {
    GEOSGeometry *geom; /* owned */
    int cut;            /* 0: a polygon of the whole, never cut; box is unused */
    double box[4];      /* x0, y0, x1, y1 */
};

struct pc_subdivided {
    GEOSSTRtree *tree; /* items: indices into pieces (pc_hits_item) */
    size_t n, cap;
    struct piece *pieces; /* the whole cut into pieces of at most PC_PIECE_VERTICES */
};

/* Keeps geom (taken), cut with `box` (NULL: never cut), in the index. */
static int keep_piece(struct pc_geos *g, struct pc_subdivided *p, GEOSGeometry *geom,
                      const double *box)
{
    if (pc_reserve((void **)&p->pieces, &p->cap, p->n + 1, sizeof *p->pieces) != 0) {
        GEOSGeom_destroy_r(g->h, geom);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    struct piece *k = &p->pieces[p->n];
    k->geom = geom;
    k->cut = box != NULL;
    for (int i = 0; i < 4; i++)
        k->box[i] = box ? box[i] : 0;
    GEOSSTRtree_insert_r(g->h, p->tree, geom, pc_hits_item(p->n));
    p->n++;
    return PC_OK;
}

/* The part of geom inside the rectangle box (x0, y0, x1, y1) as a new geometry, or NULL with
 * pc_error(). */
static GEOSGeometry *clip_to_box(struct pc_geos *g, const GEOSGeometry *geom, const double *box)
{
    GEOSGeometry *rect = pc_geom_rectangle(g, box[0], box[1], box[2], box[3]);
    GEOSGeometry *out = rect ? GEOSIntersection_r(g->h, geom, rect) : NULL;
    if (rect != NULL)
        GEOSGeom_destroy_r(g->h, rect);
    if (rect != NULL && out == NULL)
        pc_geos_fail(g, "cutting an area into pieces");
    return out;
}

/* Keeps the polygons of half (taken; may be NULL) cut with box, subdivided further. */
static int keep_half(struct pc_geos *g, struct pc_subdivided *p, GEOSGeometry *half,
                     const double *box, int depth);

/* Cuts piece (taken; cut with `box`, NULL when never cut) in halves across its longer side
 * until each part is small enough, and keeps the parts. */
static int subdivide(struct pc_geos *g, struct pc_subdivided *p, GEOSGeometry *piece,
                     const double *box, int depth)
{
    GEOSContextHandle_t h = g->h;
    double x0, y0, x1, y1;
    if (GEOSGetNumCoordinates_r(h, piece) <= PC_PIECE_VERTICES || depth >= 24 ||
        !GEOSGeom_getXMin_r(h, piece, &x0) || !GEOSGeom_getYMin_r(h, piece, &y0) ||
        !GEOSGeom_getXMax_r(h, piece, &x1) || !GEOSGeom_getYMax_r(h, piece, &y1))
        return keep_piece(g, p, piece, box);
    double box_a[4] = {x0, y0, x1, y1}, box_b[4] = {x0, y0, x1, y1};
    if (x1 - x0 >= y1 - y0)
        box_a[2] = box_b[0] = (x0 + x1) / 2;
    else
        box_a[3] = box_b[1] = (y0 + y1) / 2;
    GEOSGeometry *a = clip_to_box(g, piece, box_a);
    GEOSGeometry *b = a ? clip_to_box(g, piece, box_b) : NULL;
    GEOSGeom_destroy_r(h, piece);
    if (b == NULL) {
        if (a != NULL)
            GEOSGeom_destroy_r(h, a);
        return PC_ERR_RUN;
    }
    int rc = keep_half(g, p, a, box_a, depth);
    if (rc != PC_OK) {
        GEOSGeom_destroy_r(h, b);
        return rc;
    }
    return keep_half(g, p, b, box_b, depth);
}

static int keep_half(struct pc_geos *g, struct pc_subdivided *p, GEOSGeometry *half,
                     const double *box, int depth)
{
    int rc = pc_geom_keep_polygons(g, &half);
    if (rc == PC_OK && half != NULL)
        return subdivide(g, p, half, box, depth + 1);
    if (half != NULL)
        GEOSGeom_destroy_r(g->h, half);
    return rc;
}

struct pc_subdivided *pc_subdivide(struct pc_geos *g, const GEOSGeometry *whole)
{
    GEOSContextHandle_t h = g->h;
    struct pc_subdivided *p = calloc(1, sizeof *p);
    if (p == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    p->tree = GEOSSTRtree_create_r(h, 10);
    if (p->tree == NULL) {
        free(p);
        pc_geos_fail(g, "indexing the pieces of an area");
        return NULL;
    }
    int parts = whole ? GEOSGetNumGeometries_r(h, whole) : 0;
    for (int i = 0; i < parts; i++) {
        GEOSGeometry *part = GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, whole, i));
        if ((part == NULL ? pc_geos_fail(g, "copying an area to cut into pieces")
                          : subdivide(g, p, part, NULL, 0)) != PC_OK) {
            pc_subdivided_free(g, p);
            return NULL;
        }
    }
    return p;
}

void pc_subdivided_free(struct pc_geos *g, struct pc_subdivided *p)
{
    if (p == NULL)
        return;
    GEOSSTRtree_destroy_r(g->h, p->tree);
    for (size_t i = 0; i < p->n; i++)
        GEOSGeom_destroy_r(g->h, p->pieces[i].geom);
    free(p->pieces);
    free(p);
}

/* Query state: the caller's callback, given each piece met. */
struct query {
    const struct pc_subdivided *p;
    void (*fn)(void *piece, void *data);
    void *data;
};

static void visit_piece(void *item, void *data)
{
    struct query *q = data;
    q->fn(q->p->pieces[(size_t)(uintptr_t)item].geom, q->data);
}

void pc_subdivided_query(struct pc_geos *g, const struct pc_subdivided *p, const GEOSGeometry *geom,
                         void (*fn)(void *piece, void *data), void *data)
{
    struct query q = {p, fn, data};
    if (p != NULL && p->n > 0)
        GEOSSTRtree_query_r(g->h, p->tree, geom, visit_piece, &q);
}

/* Nonzero if a segment of `line` lies along a side of the box of one of the cut pieces in
 * `met`: only there can two pieces share a stretch of the line. */
static int on_a_cut(struct pc_geos *g, const struct pc_subdivided *p, const struct pc_hits *met,
                    const GEOSGeometry *line)
{
    GEOSContextHandle_t h = g->h;
    int parts = GEOSGetNumGeometries_r(h, line);
    for (int k = 0; k < parts; k++) {
        const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, GEOSGetGeometryN_r(h, line, k));
        unsigned n = 0;
        if (cs == NULL || !GEOSCoordSeq_getSize_r(h, cs, &n))
            return 1; /* not a simple line: let the union decide */
        double px = 0, py = 0;
        for (unsigned i = 0; i < n; i++) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, cs, i, &x, &y);
            for (size_t m = 0; i > 0 && m < met->n; m++) {
                const struct piece *c = &p->pieces[met->items[m]];
                if (c->cut && ((x == px && (x == c->box[0] || x == c->box[2])) ||
                               (y == py && (y == c->box[1] || y == c->box[3]))))
                    return 1;
            }
            px = x;
            py = y;
        }
    }
    return 0;
}

/* The union of copies of the pieces in `met`, or NULL with pc_error(). */
static GEOSGeometry *union_of(struct pc_geos *g, const struct pc_subdivided *p,
                              const struct pc_hits *met)
{
    GEOSGeometry **copies = calloc(met->n, sizeof *copies);
    if (copies == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < met->n; i++) {
        if ((copies[i] = GEOSGeom_clone_r(g->h, p->pieces[met->items[i]].geom)) == NULL) {
            pc_geos_fail(g, "copying a piece of an area");
            for (size_t j = 0; j < i; j++)
                GEOSGeom_destroy_r(g->h, copies[j]);
            free(copies);
            return NULL;
        }
    }
    GEOSGeometry *local = pc_geom_union_take(g, copies, met->n);
    free(copies);
    return local;
}

/* Adds the length of line ∩ area to *length. */
static int add_length(struct pc_geos *g, const GEOSGeometry *line, const GEOSGeometry *area,
                      double *length)
{
    GEOSGeometry *cut = GEOSIntersection_r(g->h, line, area);
    double part = 0;
    if (cut == NULL || !GEOSLength_r(g->h, cut, &part)) {
        if (cut != NULL)
            GEOSGeom_destroy_r(g->h, cut);
        return pc_geos_fail(g, "cutting a line to an area");
    }
    GEOSGeom_destroy_r(g->h, cut);
    *length += part;
    return PC_OK;
}

int pc_subdivided_length(struct pc_geos *g, const struct pc_subdivided *p, const GEOSGeometry *line,
                         double *length)
{
    struct pc_hits met = {0};
    *length = 0;
    if (p != NULL && p->n > 0)
        GEOSSTRtree_query_r(g->h, p->tree, line, pc_hits_collect, &met);
    int rc = met.failed ? pc_error(PC_ERR_RUN, "out of memory") : PC_OK;
    if (rc == PC_OK && met.n > 1 && on_a_cut(g, p, &met, line)) {
        GEOSGeometry *local = union_of(g, p, &met);
        rc = local ? add_length(g, line, local, length) : PC_ERR_RUN;
        if (local != NULL)
            GEOSGeom_destroy_r(g->h, local);
    } else {
        /* the pieces meet each other only along cuts, which the line does not follow: its
         * lengths inside them add up exactly */
        for (size_t i = 0; rc == PC_OK && i < met.n; i++)
            rc = add_length(g, line, p->pieces[met.items[i]].geom, length);
    }
    pc_hits_free(&met);
    return rc;
}

int pc_subdivided_intersect_polygons(struct pc_geos *g, const struct pc_subdivided *p,
                                     const GEOSGeometry *geom, GEOSGeometry **out)
{
    struct pc_hits met = {0};
    *out = NULL;
    if (p != NULL && p->n > 0)
        GEOSSTRtree_query_r(g->h, p->tree, geom, pc_hits_collect, &met);
    int rc = met.failed ? pc_error(PC_ERR_RUN, "out of memory") : PC_OK;
    GEOSGeometry **parts = rc == PC_OK && met.n > 0 ? malloc(met.n * sizeof *parts) : NULL;
    if (rc == PC_OK && met.n > 0 && parts == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    size_t n = 0;
    for (size_t i = 0; rc == PC_OK && i < met.n; i++) {
        GEOSGeometry *part = NULL;
        rc = pc_geom_intersect_polygons(g, geom, p->pieces[met.items[i]].geom, &part);
        if (rc == PC_OK && part != NULL)
            parts[n++] = part;
    }
    if (rc == PC_OK && n == 1) {
        *out = parts[0];
    } else if (rc == PC_OK && n > 1) {
        /* the parts meet along cuts: one union makes them one valid geometry again */
        *out = pc_geom_union_take(g, parts, n);
        rc = *out != NULL ? pc_geom_keep_polygons(g, out) : PC_ERR_RUN;
    } else {
        for (size_t i = 0; i < n; i++)
            GEOSGeom_destroy_r(g->h, parts[i]);
    }
    free(parts);
    pc_hits_free(&met);
    return rc;
}
