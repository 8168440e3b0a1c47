/* lei.c: the landscape expansion index of new patches against the earlier built-up land, cut
 * into pieces under an STRtree (subdivide.h) so each ring meets only the pieces near it. */
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "core/util.h"
#include "geo/landscape.h"
#include "geo/subdivide.h"

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

int pc_lei_of(struct pc_geos *g, const struct pc_subdivided *old, const GEOSGeometry *patch,
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
        pc_subdivided_query(g, old, ring, add_overlap, &s);
    GEOSGeom_destroy_r(h, ring);
    if (rc == PC_OK && s.failed)
        rc = pc_geos_fail(g, "earlier built-up area inside a LEI ring");
    if (rc == PC_OK)
        *lei = ring_area > 0 ? 100.0 * s.area / ring_area : 0.0;
    if (rc == PC_OK && *lei > 100.0)
        *lei = 100.0; /* overlay rounding (1e-13) must not put a patch above full cover */
    return rc;
}
