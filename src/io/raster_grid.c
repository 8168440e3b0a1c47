/* raster_grid.c: grids in the plan CRS; rasterising GEOS geometries through GDAL's MEM driver
 * and GDALRasterizeGeometries; distances with GDALComputeProximity on a padded grid. */
#include "io/raster_grid.h"

#include <gdal_alg.h>
#include <ogr_api.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "io/gdal_env.h"

/* Largest grid we make: GDAL's RasterIO takes int sizes, and 2^31 cells of Float32 are 8 GB. */
#define PC_GRID_MAX_CELLS ((size_t)1 << 31)

int pc_grid_around(struct pc_geos *g, const GEOSGeometry *area, double cell, struct pc_grid *out)
{
    double minx, miny, maxx, maxy;
    memset(out, 0, sizeof *out);
    if (area == NULL || GEOSisEmpty_r(g->h, area) != 0 ||
        GEOSGeom_getXMin_r(g->h, area, &minx) != 1 || GEOSGeom_getYMin_r(g->h, area, &miny) != 1 ||
        GEOSGeom_getXMax_r(g->h, area, &maxx) != 1 || GEOSGeom_getYMax_r(g->h, area, &maxy) != 1)
        return pc_error(PC_ERR_RUN, "the raster extent is empty");
    double x0 = floor(minx / cell) * cell, x1 = ceil(maxx / cell) * cell;
    double y0 = floor(miny / cell) * cell, y1 = ceil(maxy / cell) * cell;
    double nx = (x1 - x0) / cell, ny = (y1 - y0) / cell;
    if (nx < 1)
        nx = 1;
    if (ny < 1)
        ny = 1;
    if (nx * ny > (double)PC_GRID_MAX_CELLS || nx > INT32_MAX || ny > INT32_MAX)
        return pc_error(PC_ERR_RUN,
                        "a %.0f x %.0f m raster extent at cell_size %g m needs %.0f cells, over "
                        "the limit of 2^31: set a larger cell_size in [plan]",
                        x1 - x0, y1 - y0, cell, nx * ny);
    out->x0 = x0;
    out->y0 = y1;
    out->cell = cell;
    out->nx = (int)lround(nx);
    out->ny = (int)lround(ny);
    return PC_OK;
}

size_t pc_grid_cells(const struct pc_grid *grid)
{
    return (size_t)grid->nx * (size_t)grid->ny;
}

/* A new MEM dataset of one band of `type` on grid (release with GDALClose); NULL with
 * pc_error(). */
static GDALDatasetH mem_dataset(const struct pc_grid *grid, GDALDataType type)
{
    GDALDriverH mem = GDALGetDriverByName("MEM");
    GDALDatasetH ds = mem ? GDALCreate(mem, "", grid->nx, grid->ny, 1, type, NULL) : NULL;
    if (ds == NULL) {
        pc_error(PC_ERR_RUN, "cannot create a %d x %d raster in memory: %s", grid->nx, grid->ny,
                 pc_gdal_error("out of memory"));
        return NULL;
    }
    double gt[6] = {grid->x0, grid->cell, 0, grid->y0, 0, -grid->cell};
    GDALSetGeoTransform(ds, gt);
    return ds;
}

/* Converts GEOS geometries to new OGR ones through WKB; *out (n entries) is the caller's
 * to release with free_ogr. Returns PC_OK or PC_ERR_RUN. */
static int to_ogr(struct pc_geos *g, GEOSGeometry *const *geoms, size_t n, OGRGeometryH **out)
{
    *out = calloc(n ? n : 1, sizeof **out);
    GEOSWKBWriter *w = GEOSWKBWriter_create_r(g->h);
    int rc = PC_OK;
    if (*out == NULL || w == NULL) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n && rc == PC_OK; i++) {
        size_t size = 0;
        unsigned char *wkb = GEOSWKBWriter_write_r(g->h, w, geoms[i], &size);
        if (wkb == NULL) {
            rc = pc_geos_fail(g, "writing WKB for a raster");
            break;
        }
        if (OGR_G_CreateFromWkbEx(wkb, NULL, &(*out)[i], size) != OGRERR_NONE)
            rc = pc_error(PC_ERR_RUN, "GDAL cannot read a geometry's WKB for a raster");
        GEOSFree_r(g->h, wkb);
    }
done:
    if (w != NULL)
        GEOSWKBWriter_destroy_r(g->h, w);
    return rc;
}

static void free_ogr(OGRGeometryH *geoms, size_t n)
{
    if (geoms == NULL)
        return;
    for (size_t i = 0; i < n; i++)
        if (geoms[i] != NULL)
            OGR_G_DestroyGeometry(geoms[i]);
    free(geoms);
}

/* Rasterises geoms into band 1 of ds (whose current contents stay where nothing is burnt). */
static int burn_into(GDALDatasetH ds, struct pc_geos *g, GEOSGeometry *const *geoms, size_t n,
                     const double *values, double value, int all_touched)
{
    if (n == 0)
        return PC_OK;
    if (n > INT32_MAX)
        return pc_error(PC_ERR_RUN, "too many geometries to rasterise at once");
    OGRGeometryH *ogr = NULL;
    double *burn = malloc(n * sizeof *burn);
    int rc = burn ? to_ogr(g, geoms, n, &ogr) : pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK) {
        for (size_t i = 0; i < n; i++)
            burn[i] = values ? values[i] : value;
        int band = 1;
        char *options[] = {all_touched ? "ALL_TOUCHED=TRUE" : NULL, NULL};
        CPLErrorReset();
        if (GDALRasterizeGeometries(ds, 1, &band, (int)n, ogr, NULL, NULL, burn, options, NULL,
                                    NULL) != CE_None)
            rc = pc_error(PC_ERR_RUN, "rasterising failed: %s", pc_gdal_error("GDAL error"));
    }
    free_ogr(ogr, n);
    free(burn);
    return rc;
}

/* Copies between band 1 of ds and data (nx*ny of type): GF_Read or GF_Write. */
static int band_io(GDALDatasetH ds, const struct pc_grid *grid, GDALRWFlag rw, GDALDataType type,
                   void *data)
{
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    if (GDALRasterIO(b, rw, 0, 0, grid->nx, grid->ny, data, grid->nx, grid->ny, type, 0, 0) !=
        CE_None)
        return pc_error(PC_ERR_RUN, "raster in memory: %s", pc_gdal_error("I/O error"));
    return PC_OK;
}

int pc_grid_burn(const struct pc_grid *grid, struct pc_geos *g, GEOSGeometry *const *geoms,
                 size_t n, const double *values, double value, int all_touched, GDALDataType type,
                 void *data)
{
    GDALDatasetH ds = mem_dataset(grid, type);
    if (ds == NULL)
        return PC_ERR_RUN;
    int rc = band_io(ds, grid, GF_Write, type, data);
    if (rc == PC_OK)
        rc = burn_into(ds, g, geoms, n, values, value, all_touched);
    if (rc == PC_OK)
        rc = band_io(ds, grid, GF_Read, type, data);
    GDALClose(ds);
    return rc;
}

int pc_grid_distance(const struct pc_grid *grid, struct pc_geos *g, GEOSGeometry *const *geoms,
                     size_t n, double reach, float *dist)
{
    int pad = (int)ceil(reach / grid->cell);
    struct pc_grid big = {grid->x0 - pad * grid->cell, grid->y0 + pad * grid->cell, grid->cell,
                          grid->nx + 2 * pad, grid->ny + 2 * pad};
    if ((double)big.nx * (double)big.ny > (double)PC_GRID_MAX_CELLS)
        return pc_error(PC_ERR_RUN,
                        "the distance raster with its %g m margin is too large: set "
                        "a larger cell_size in [plan]",
                        reach);
    GDALDatasetH targets = mem_dataset(&big, GDT_Byte);
    GDALDatasetH prox = targets ? mem_dataset(&big, GDT_Float32) : NULL;
    int rc = prox ? PC_OK : PC_ERR_RUN;
    if (rc == PC_OK)
        rc = burn_into(targets, g, geoms, n, NULL, 1, 0);
    if (rc == PC_OK) {
        char maxdist[64], nodata[64];
        snprintf(maxdist, sizeof maxdist, "MAXDIST=%.17g", reach);
        snprintf(nodata, sizeof nodata, "NODATA=%.17g", reach);
        char *options[] = {"VALUES=1", "DISTUNITS=GEO", maxdist, nodata, NULL};
        CPLErrorReset();
        if (GDALComputeProximity(GDALGetRasterBand(targets, 1), GDALGetRasterBand(prox, 1), options,
                                 NULL, NULL) != CE_None)
            rc =
                pc_error(PC_ERR_RUN, "computing distances failed: %s", pc_gdal_error("GDAL error"));
    }
    if (rc == PC_OK &&
        GDALRasterIO(GDALGetRasterBand(prox, 1), GF_Read, pad, pad, grid->nx, grid->ny, dist,
                     grid->nx, grid->ny, GDT_Float32, 0, 0) != CE_None)
        rc = pc_error(PC_ERR_RUN, "raster in memory: %s", pc_gdal_error("I/O error"));
    if (rc == PC_OK) {
        size_t cells = pc_grid_cells(grid);
        for (size_t i = 0; i < cells; i++)
            if (!(dist[i] <= reach))
                dist[i] = (float)reach;
    }
    if (prox != NULL)
        GDALClose(prox);
    if (targets != NULL)
        GDALClose(targets);
    return rc;
}
