/* geom.h: geometry helpers over GEOS used by readers and indicators. Every function takes the
 * calling thread's context; on failure it returns an error code with pc_error() set. */
#ifndef PC_GEOM_H
#define PC_GEOM_H

#include <stddef.h>

#include "geo/geos_ctx.h"

/* Replaces *geom (owned) by its polygonal parts as a Polygon or MultiPolygon, or NULL if it
 * has none. Parts of a collection are unioned so the result is valid. Returns PC_OK or
 * PC_ERR_RUN (then *geom is NULL and the input is destroyed). */
int pc_geom_keep_polygons(struct pc_geos *g, GEOSGeometry **geom);

/* Nonzero if geom is a non-empty Polygon or MultiPolygon. */
int pc_geom_is_polygonal(struct pc_geos *g, const GEOSGeometry *geom);

/* One GEOSUnaryUnion_r over all n geometries, which the call takes (the array itself stays
 * the caller's; its entries are consumed even on failure). Returns the union, a new
 * geometry (an empty MultiPolygon when n is 0), or NULL with pc_error() set. */
GEOSGeometry *pc_geom_union_take(struct pc_geos *g, GEOSGeometry **geoms, size_t n);

/* Like pc_geom_union_take() for borrowed geometries, which are cloned first. */
GEOSGeometry *pc_geom_union_copy(struct pc_geos *g, GEOSGeometry *const *geoms, size_t n);

/* *out = polygonal part of a ∩ b (new, caller destroys), or NULL when they share no area.
 * Returns PC_OK or PC_ERR_RUN. */
int pc_geom_intersect_polygons(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                               GEOSGeometry **out);

/* *out = polygonal part of a − b (new), or NULL when nothing is left. PC_OK or PC_ERR_RUN. */
int pc_geom_difference_polygons(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                                GEOSGeometry **out);

/* *area = area of a ∩ b in square CRS units. PC_OK or PC_ERR_RUN. */
int pc_geom_intersection_area(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                              double *area);

/* Area of geom (0 for points and lines, and on error). */
double pc_geom_area(struct pc_geos *g, const GEOSGeometry *geom);

/* A new rectangle polygon from (x0, y0) to (x1, y1), or NULL with pc_error(). */
GEOSGeometry *pc_geom_rectangle(struct pc_geos *g, double x0, double y0, double x1, double y1);

/* Outcome of testing a geometry against a prepared region. */
enum pc_relation { PC_REL_OUTSIDE, PC_REL_INSIDE, PC_REL_PARTIAL };

/* Classifies geom against prepared `region`: wholly inside its interior (INSIDE), outside
 * (OUTSIDE), or anything else (PARTIAL): a geometry touching the region's boundary from
 * inside or outside is PARTIAL, and the caller's exact intersection then finds all of it or
 * none. Returns PC_OK or PC_ERR_RUN if GEOS fails (predicates return
 * 2 on error: never used as truth values). */
int pc_geom_relate(struct pc_geos *g, const GEOSPreparedGeometry *region, const GEOSGeometry *geom,
                   enum pc_relation *rel);

#endif
