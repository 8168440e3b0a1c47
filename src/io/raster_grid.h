/* raster_grid.h: a north-up grid of square cells in the plan CRS, and what GDAL does on it:
 * rasterising GEOS geometries and computing distances to them. Output lives in out_gtiff. */
#ifndef PC_RASTER_GRID_H
#define PC_RASTER_GRID_H

#include <stddef.h>

#include <gdal.h>

#include "geo/geos_ctx.h"

struct pc_grid {
    double x0, y0; /* top-left corner (minimum x, maximum y), a multiple of cell */
    double cell;   /* cell size in CRS units (metres) */
    int nx, ny;    /* columns and rows */
};

/* The grid of cell size `cell` covering the envelope of `area`, corners snapped outwards to
 * multiples of cell so that grids of one plan line up. Returns PC_OK, or PC_ERR_RUN for an
 * empty area or a grid over 2^31 cells (with a message naming the cell size). */
int pc_grid_around(struct pc_geos *g, const GEOSGeometry *area, double cell, struct pc_grid *out);

/* Number of cells. */
size_t pc_grid_cells(const struct pc_grid *grid);

/* Burns geometries into `data` (nx*ny values of `type`, row-major from the top, kept where
 * no geometry falls): geometry i gets values[i], or `value` for all when values is NULL;
 * later geometries overwrite earlier ones. A cell is burnt when its centre is inside, or
 * with all_touched when the geometry touches it at all. Geometries are borrowed. Returns
 * PC_OK or PC_ERR_RUN. */
int pc_grid_burn(const struct pc_grid *grid, struct pc_geos *g, GEOSGeometry *const *geoms,
                 size_t n, const double *values, double value, int all_touched, GDALDataType type,
                 void *data);

/* Sets dist[nx*ny] to the distance in metres from each cell centre to the nearest cell
 * (centre) burnt by `geoms`, searching `reach` metres beyond the grid so that facilities
 * just outside count; distances over `reach`, or with nothing in reach, are set to `reach`.
 * Geometries are borrowed. Returns PC_OK or PC_ERR_RUN. */
int pc_grid_distance(const struct pc_grid *grid, struct pc_geos *g, GEOSGeometry *const *geoms,
                     size_t n, double reach, float *dist);

#endif
