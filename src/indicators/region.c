/* region.c: scope and zone regions of an indicator, prepared for fast predicates. */
#include "indicators/region.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "geo/geom.h"

/* Prepares r->geom if there is one (the prepared geometry borrows it). */
static int prepare(struct pc_geos *g, struct pc_region *r)
{
    if (r->geom == NULL)
        return PC_OK;
    r->prep = GEOSPrepare_r(g->h, r->geom);
    return r->prep ? PC_OK : pc_geos_fail(g, "preparing a region");
}

int pc_regions_build(struct pc_geos *g, struct pc_layer *scope, const struct pc_layer *zones,
                     struct pc_regions *out)
{
    size_t nzones = zones ? zones->n : 0;
    memset(out, 0, sizeof *out);
    out->items = calloc(1 + nzones, sizeof *out->items);
    if (out->items == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    out->n = 1 + nzones;

    struct pc_region *s = &out->items[0];
    int rc = PC_OK;
    if (scope == NULL) {
        s->unbounded = 1;
    } else {
        const GEOSGeometry *dissolved = pc_layer_dissolved(scope, g);
        if (dissolved == NULL)
            return PC_ERR_RUN;
        s->geom = GEOSGeom_clone_r(g->h, dissolved);
        if (s->geom == NULL)
            return pc_geos_fail(g, "copying the scope");
        if ((rc = pc_geom_keep_polygons(g, &s->geom)) || (rc = prepare(g, s)))
            return rc;
    }
    for (size_t i = 0; i < nzones; i++) {
        struct pc_region *z = &out->items[1 + i];
        z->zone = zones->names[i];
        z->zone_row = i;
        if (s->geom != NULL) {
            rc = pc_geom_intersect_polygons(g, zones->geoms[i], s->geom, &z->geom);
        } else if (scope == NULL) {
            z->geom = GEOSGeom_clone_r(g->h, zones->geoms[i]);
            rc = z->geom ? pc_geom_keep_polygons(g, &z->geom) : pc_geos_fail(g, "copying a zone");
        }
        if (rc || (rc = prepare(g, z)))
            return rc;
    }
    return PC_OK;
}

int pc_region_clip(struct pc_geos *g, const struct pc_region *r, const GEOSGeometry *geom,
                   double *area, GEOSGeometry **piece)
{
    enum pc_relation rel = PC_REL_INSIDE;
    int rc = PC_OK;
    *area = 0;
    if (piece != NULL)
        *piece = NULL;
    if (!r->unbounded && (r->prep == NULL || (rc = pc_geom_relate(g, r->prep, geom, &rel))))
        return rc; /* a zone outside the scope holds nothing */
    if (rel == PC_REL_OUTSIDE)
        return PC_OK;
    if (rel == PC_REL_INSIDE) {
        *area = pc_geom_area(g, geom);
        if (piece != NULL && (*piece = GEOSGeom_clone_r(g->h, geom)) == NULL)
            return pc_geos_fail(g, "copying a piece");
        return PC_OK;
    }
    GEOSGeometry *part = NULL;
    if ((rc = pc_geom_intersect_polygons(g, geom, r->geom, &part)) || part == NULL)
        return rc;
    *area = pc_geom_area(g, part);
    if (piece != NULL)
        *piece = part;
    else
        GEOSGeom_destroy_r(g->h, part);
    return PC_OK;
}

void pc_regions_free(struct pc_geos *g, struct pc_regions *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->items[i].prep != NULL)
            GEOSPreparedGeom_destroy_r(g->h, r->items[i].prep);
        if (r->items[i].geom != NULL)
            GEOSGeom_destroy_r(g->h, r->items[i].geom);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

int pc_region_has_point(struct pc_geos *g, const struct pc_region *r, const GEOSGeometry *pt)
{
    if (r->unbounded)
        return 1;
    return r->prep != NULL && GEOSPreparedIntersects_r(g->h, r->prep, pt) == 1;
}

size_t pc_regions_zone_of(struct pc_geos *g, const struct pc_regions *rs, const GEOSGeometry *pt)
{
    for (size_t i = 1; i < rs->n; i++)
        if (pc_region_has_point(g, &rs->items[i], pt))
            return i;
    return 0;
}

int pc_region_base(struct pc_geos *g, const GEOSGeometry *within, const struct pc_region *r,
                   GEOSGeometry **owned, const GEOSGeometry **borrowed)
{
    *owned = NULL;
    *borrowed = NULL;
    if (within == NULL)
        *borrowed = r->geom; /* NULL for an unbounded scope: no base */
    else if (r->unbounded)
        *borrowed = within;
    else if (r->geom != NULL)
        return pc_geom_intersect_polygons(g, within, r->geom, owned);
    return PC_OK;
}
