/* union_parallel.h: one union of many geometries shared among threads: the geometries are
 * sorted into strips from west to east, each thread unions its strips, and the strips are
 * unioned last (DESIGN.md §3: one union of all buffers, never a union in a loop). */
#ifndef PC_UNION_PARALLEL_H
#define PC_UNION_PARALLEL_H

#include <stddef.h>

#include "geo/geos_ctx.h"

/* Fewest geometries worth sharing among threads; below it one union is as fast. */
#define PC_PARALLEL_UNION_MIN 512

/* The union of geoms[0..n-1], taking every geometry (also on error); the array itself stays
 * the caller's. As pc_geom_union_take, on pc_threads() threads. Returns a new geometry, or
 * NULL with pc_error(). */
GEOSGeometry *pc_geom_union_take_parallel(struct pc_geos *g, GEOSGeometry **geoms, size_t n);

/* The union of geoms[0..n-1] (taken, also on error; the array stays the caller's) cut into
 * square tiles of `tile` metres, on pc_threads() threads: each tile is the union of the
 * geometries whose envelopes meet it, clipped to the tile. Tiles meet along their sides and
 * never overlap, so their areas add up to the union's; each costs time in its own size, not
 * the whole's (a city's reached streets make one polygon with a hole for every block, whose
 * single union grows faster than the city). Returns a new GeometryCollection of the
 * non-empty tiles (each polygonal), or NULL with pc_error(). */
GEOSGeometry *pc_geom_union_tiled(struct pc_geos *g, GEOSGeometry **geoms, size_t n, double tile);

/* As pc_geom_union_tiled, of the buffers `width` (> 0) metres around lines[0..n-1] (borrowed)
 * with `quadsegs` segments per quarter circle: each tile buffers the lines near it and frees
 * the buffers after its union, so the buffers of a city's streets are never held at once
 * (only those of the tiles being drawn). */
GEOSGeometry *pc_geom_buffer_union_tiled(struct pc_geos *g, GEOSGeometry *const *lines, size_t n,
                                         double width, int quadsegs, double tile);

#endif
