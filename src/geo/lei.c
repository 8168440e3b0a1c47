/* lei.c: the landscape expansion index of new patches against the earlier built-up land,
 * with an STRtree over its polygons so each ring meets only the polygons near it. */
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "core/util.h"
#include "geo/landscape.h"

struct pc_lei_index {
    GEOSSTRtree *tree; /* items: the pieces */
    size_t n, cap;
    GEOSGeometry **pieces; /* owned: `old` cut into pieces of at most PIECE_VERTICES */
};

/* Largest piece the index keeps: overlaying a small ring with a city-sized polygon costs
 * time in the polygon's size, so large polygons are cut in halves until each piece is this
 * small (the idea of PostGIS's ST_Subdivide). */
#define PIECE_VERTICES 256

/* Keeps piece (taken) in the index. */
static int keep_piece(struct pc_geos *g, struct pc_lei_index *idx, GEOSGeometry *piece)
{
    if (pc_reserve((void **)&idx->pieces, &idx->cap, idx->n + 1, sizeof *idx->pieces) != 0) {
        GEOSGeom_destroy_r(g->h, piece);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    idx->pieces[idx->n++] = piece;
    GEOSSTRtree_insert_r(g->h, idx->tree, piece, piece);
    return PC_OK;
}

/* The part of geom inside the rectangle (new geometry), or NULL with pc_error(). */
static GEOSGeometry *clip_to_box(struct pc_geos *g, const GEOSGeometry *geom, double x0, double y0,
                                 double x1, double y1)
{
    GEOSContextHandle_t h = g->h;
    GEOSCoordSequence *cs = GEOSCoordSeq_create_r(h, 5, 2);
    const double xy[5][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    for (int i = 0; cs != NULL && i < 5; i++)
        GEOSCoordSeq_setXY_r(h, cs, (unsigned)i, xy[i][0], xy[i][1]);
    GEOSGeometry *shell = cs ? GEOSGeom_createLinearRing_r(h, cs) : NULL;
    GEOSGeometry *box = shell ? GEOSGeom_createPolygon_r(h, shell, NULL, 0) : NULL;
    GEOSGeometry *out = box ? GEOSIntersection_r(h, geom, box) : NULL;
    if (box != NULL)
        GEOSGeom_destroy_r(h, box);
    if (out == NULL)
        pc_geos_fail(g, "cutting the earlier built-up area");
    return out;
}

/* Cuts piece (taken) in halves across its longer side until each part is small enough, and
 * keeps the parts. */
static int subdivide(struct pc_geos *g, struct pc_lei_index *idx, GEOSGeometry *piece, int depth)
{
    GEOSContextHandle_t h = g->h;
    double x0, y0, x1, y1;
    if (GEOSGetNumCoordinates_r(h, piece) <= PIECE_VERTICES || depth >= 24 ||
        !GEOSGeom_getXMin_r(h, piece, &x0) || !GEOSGeom_getYMin_r(h, piece, &y0) ||
        !GEOSGeom_getXMax_r(h, piece, &x1) || !GEOSGeom_getYMax_r(h, piece, &y1))
        return keep_piece(g, idx, piece);
    GEOSGeometry *a, *b;
    if (x1 - x0 >= y1 - y0) {
        double xm = (x0 + x1) / 2;
        a = clip_to_box(g, piece, x0, y0, xm, y1);
        b = a ? clip_to_box(g, piece, xm, y0, x1, y1) : NULL;
    } else {
        double ym = (y0 + y1) / 2;
        a = clip_to_box(g, piece, x0, y0, x1, ym);
        b = a ? clip_to_box(g, piece, x0, ym, x1, y1) : NULL;
    }
    GEOSGeom_destroy_r(h, piece);
    if (b == NULL) {
        if (a != NULL)
            GEOSGeom_destroy_r(h, a);
        return PC_ERR_RUN;
    }
    int rc = pc_geom_keep_polygons(g, &a);
    if (rc == PC_OK && a != NULL)
        rc = subdivide(g, idx, a, depth + 1);
    else if (a != NULL)
        GEOSGeom_destroy_r(h, a);
    if (rc == PC_OK && (rc = pc_geom_keep_polygons(g, &b)) == PC_OK && b != NULL)
        return subdivide(g, idx, b, depth + 1);
    if (b != NULL)
        GEOSGeom_destroy_r(h, b);
    return rc;
}

struct pc_lei_index *pc_lei_index_new(struct pc_geos *g, const GEOSGeometry *old)
{
    GEOSContextHandle_t h = g->h;
    struct pc_lei_index *idx = calloc(1, sizeof *idx);
    if (idx == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    idx->tree = GEOSSTRtree_create_r(h, 10);
    if (idx->tree == NULL) {
        free(idx);
        pc_geos_fail(g, "indexing the earlier built-up area");
        return NULL;
    }
    int parts = old ? GEOSGetNumGeometries_r(h, old) : 0;
    for (int i = 0; i < parts; i++) {
        GEOSGeometry *part = GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, old, i));
        if ((part == NULL ? pc_geos_fail(g, "copying the earlier built-up area")
                          : subdivide(g, idx, part, 0)) != PC_OK) {
            pc_lei_index_free(g, idx);
            return NULL;
        }
    }
    return idx;
}

void pc_lei_index_free(struct pc_geos *g, struct pc_lei_index *idx)
{
    if (idx == NULL)
        return;
    GEOSSTRtree_destroy_r(g->h, idx->tree);
    for (size_t i = 0; i < idx->n; i++)
        GEOSGeom_destroy_r(g->h, idx->pieces[i]);
    free(idx->pieces);
    free(idx);
}

/* What a query over the tree adds up: the old area inside the ring. */
struct ring_sum {
    struct pc_geos *g;
    const GEOSGeometry *ring;
    double area;
    int failed;
};

/* STRtree callback: adds the area of (old polygon ∩ ring). GEOS's overlay clips its inputs to
 * the result's envelope, so a city-sized polygon costs little per ring (GEOSClipByRect would
 * be cheaper but may return invalid rings). */
static void add_overlap(void *item, void *data)
{
    struct ring_sum *s = data;
    GEOSContextHandle_t h = s->g->h;
    if (s->failed)
        return;
    GEOSGeometry *both = GEOSIntersection_r(h, item, s->ring);
    double a = 0;
    if (both == NULL || !GEOSArea_r(h, both, &a))
        s->failed = 1;
    else
        s->area += a;
    if (both != NULL)
        GEOSGeom_destroy_r(h, both);
}

int pc_lei_of(struct pc_geos *g, const struct pc_lei_index *idx, const GEOSGeometry *patch,
              double ring_m, int quadsegs, double *lei)
{
    GEOSContextHandle_t h = g->h;
    GEOSGeometry *grown = GEOSBuffer_r(h, patch, ring_m, quadsegs);
    GEOSGeometry *ring = grown ? GEOSDifference_r(h, grown, patch) : NULL;
    if (grown != NULL)
        GEOSGeom_destroy_r(h, grown);
    if (ring == NULL)
        return pc_geos_fail(g, "LEI ring around a new patch");
    struct ring_sum s = {.g = g, .ring = ring};
    double ring_area = 0;
    int rc = GEOSArea_r(h, ring, &ring_area) ? PC_OK : pc_geos_fail(g, "LEI ring area");
    if (rc == PC_OK)
        GEOSSTRtree_query_r(h, idx->tree, ring, add_overlap, &s);
    GEOSGeom_destroy_r(h, ring);
    if (rc == PC_OK && s.failed)
        rc = pc_geos_fail(g, "earlier built-up area inside a LEI ring");
    if (rc == PC_OK)
        *lei = ring_area > 0 ? 100.0 * s.area / ring_area : 0.0;
    if (rc == PC_OK && *lei > 100.0)
        *lei = 100.0; /* overlay rounding (1e-13) must not put a patch above full cover */
    return rc;
}
