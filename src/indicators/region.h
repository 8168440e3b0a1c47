/* region.h: the areas an indicator is evaluated in: its scope, then each zone clipped to it. */
#ifndef PC_REGION_H
#define PC_REGION_H

#include <stddef.h>

#include "geo/geos_ctx.h"
#include "io/layer_read.h"

struct pc_region {
    const char *zone;   /* zone name (borrowed from the zones layer); NULL for the scope */
    size_t zone_row;    /* feature index in the zones layer; unused for the scope */
    int unbounded;      /* the scope of an indicator without scope: everything */
    GEOSGeometry *geom; /* owned; NULL when unbounded or when the zone misses the scope */
    const GEOSPreparedGeometry *prep; /* owned, prepared from geom, or NULL */
};

struct pc_regions {
    size_t n;                /* 1 + number of zones */
    struct pc_region *items; /* [0] the scope, [1..] the zones in layer order */
};

/* Builds the regions of (scope, zones): the scope is the union of the scope layer's polygons
 * (unbounded if scope is NULL); each zone is its polygon clipped to the scope. Layers are
 * borrowed (scope's union is cached in it). Returns PC_OK or PC_ERR_RUN; always release
 * *out with pc_regions_free(). */
int pc_regions_build(struct pc_geos *g, struct pc_layer *scope, const struct pc_layer *zones,
                     struct pc_regions *out);

/* *area = area of geom (borrowed) inside region r, and with piece != NULL *piece = that part
 * as a new polygonal geometry (NULL when nothing is inside). Uses the prepared region to
 * skip the intersection for parts wholly inside or outside. Returns PC_OK or PC_ERR_RUN. */
int pc_region_clip(struct pc_geos *g, const struct pc_region *r, const GEOSGeometry *geom,
                   double *area, GEOSGeometry **piece);

/* The base area of region r for kinds measured against an area (share, density): the
 * `within` layer's dissolved polygons inside r, or r itself when within is NULL. *owned is
 * a new geometry, or *borrowed is r's or within's own; both NULL when r has no base (a
 * zone outside the scope, or an unbounded scope without `within`). PC_OK or PC_ERR_RUN. */
int pc_region_base(struct pc_geos *g, const GEOSGeometry *within, const struct pc_region *r,
                   GEOSGeometry **owned, const GEOSGeometry **borrowed);

/* Nonzero if point pt (borrowed) lies in region r (boundary included; every point for an
 * unbounded region, none for a region without geometry). */
int pc_region_has_point(struct pc_geos *g, const struct pc_region *r, const GEOSGeometry *pt);

/* The zone (1 .. n-1) of the first region containing pt, or 0 when no zone does. */
size_t pc_regions_zone_of(struct pc_geos *g, const struct pc_regions *rs, const GEOSGeometry *pt);

/* Frees prepared and plain geometries and the array; zeroes *r. */
void pc_regions_free(struct pc_geos *g, struct pc_regions *r);

#endif
