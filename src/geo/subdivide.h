/* subdivide.h: a polygonal geometry cut into small pieces with an STRtree over them, so that an
 * overlay with a small geometry (a ring, a street) costs time in the pieces it meets rather
 * than in the size of the whole, which may be a city's built-up area (the idea of PostGIS's
 * ST_Subdivide). */
#ifndef PC_SUBDIVIDE_H
#define PC_SUBDIVIDE_H

#include "geo/geos_ctx.h"

/* Largest piece kept, in vertices: overlays with a piece this size cost microseconds. */
#define PC_PIECE_VERTICES 256

struct pc_subdivided;

/* Cuts every polygon of `whole` (borrowed; NULL or empty: no pieces) in halves across its
 * longer side until each piece has at most PC_PIECE_VERTICES vertices. Pieces cover `whole`
 * exactly and overlap only along the cuts. Returns the index (free with pc_subdivided_free), or
 * NULL with pc_error(). */
struct pc_subdivided *pc_subdivide(struct pc_geos *g, const GEOSGeometry *whole);

/* Frees the index and its pieces; NULL is fine. */
void pc_subdivided_free(struct pc_geos *g, struct pc_subdivided *p);

/* Calls fn(piece, data) for every piece whose envelope meets geom's. The pieces stay owned by
 * the index. */
void pc_subdivided_query(struct pc_geos *g, const struct pc_subdivided *p, const GEOSGeometry *geom,
                         void (*fn)(void *piece, void *data), void *data);

/* The part of polygonal `geom` (borrowed) inside the whole, as GEOSIntersection would give
 * it: the union of its intersections with the pieces it meets, small overlays all. Sets
 * *out to a new polygonal geometry, or NULL when nothing of geom's area is inside. Returns
 * PC_OK or PC_ERR_RUN. */
int pc_subdivided_intersect_polygons(struct pc_geos *g, const struct pc_subdivided *p,
                                     const GEOSGeometry *geom, GEOSGeometry **out);

/* *length = the length of `line` (a line or multi-line; borrowed) inside the whole, exactly
 * as the length of GEOSIntersection(line, whole): the lengths inside the pieces it meets add
 * up, since pieces share only points with each other except along their cuts; a line that
 * runs along a cut is measured against the union of those pieces instead, which rejoins
 * them. Returns PC_OK or PC_ERR_RUN. */
int pc_subdivided_length(struct pc_geos *g, const struct pc_subdivided *p, const GEOSGeometry *line,
                         double *length);

#endif
