/* out_gtiff.c: a grid band -> GeoTIFF through a MEM dataset and GDALCreateCopy, then
 * internal overviews built on the file in update mode. */
#include "io/out_gtiff.h"

#include <cpl_conv.h>
#include <cpl_string.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "io/gdal_env.h"

/* Tiles of 256 x 256 cells: what QGIS and GDAL read fastest, and what COGs use. */
#define PC_GTIFF_BLOCK "256"

/* Overviews are built down to about this many cells on the longer side. */
#define PC_GTIFF_SMALLEST_OVERVIEW 256

/* Puts the colour table (Byte bands only: a UInt16 table would hold 65536 entries) and the
 * attribute table of spec's classes on band b. */
static int set_classes(GDALRasterBandH b, const struct pc_gtiff_spec *spec)
{
    if (spec->classes == NULL || spec->n_classes == 0)
        return PC_OK;
    int rc = PC_OK;
    if (spec->type == GDT_Byte) {
        GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
        for (size_t i = 0; i < spec->n_classes; i++) {
            const struct pc_raster_class *c = &spec->classes[i];
            GDALColorEntry e = {c->r, c->g, c->b, 255};
            if (c->value >= 0 && c->value <= 255)
                GDALSetColorEntry(ct, c->value, &e);
        }
        if (GDALSetRasterColorTable(b, ct) != CE_None)
            rc = pc_error(PC_ERR_RUN, "cannot set a colour table: %s", pc_gdal_error("?"));
        GDALDestroyColorTable(ct);
    }
    GDALRasterAttributeTableH rat = GDALCreateRasterAttributeTable();
    GDALRATCreateColumn(rat, "value", GFT_Integer, GFU_MinMax);
    GDALRATCreateColumn(rat, "code", GFT_String, GFU_Name);
    GDALRATCreateColumn(rat, "label", GFT_String, GFU_Generic);
    GDALRATSetRowCount(rat, (int)spec->n_classes);
    for (size_t i = 0; i < spec->n_classes; i++) {
        const struct pc_raster_class *c = &spec->classes[i];
        GDALRATSetValueAsInt(rat, (int)i, 0, c->value);
        GDALRATSetValueAsString(rat, (int)i, 1, c->code ? c->code : "");
        GDALRATSetValueAsString(rat, (int)i, 2, c->label ? c->label : "");
    }
    if (rc == PC_OK && GDALSetDefaultRAT(b, rat) != CE_None)
        rc = pc_error(PC_ERR_RUN, "cannot set a raster attribute table: %s", pc_gdal_error("?"));
    GDALDestroyRasterAttributeTable(rat);
    return rc;
}

/* A MEM dataset holding data and every property the file should carry. */
static GDALDatasetH staged_dataset(const struct pc_grid *grid, OGRSpatialReferenceH srs,
                                   const void *data, const struct pc_gtiff_spec *spec)
{
    GDALDriverH mem = GDALGetDriverByName("MEM");
    GDALDatasetH ds = mem ? GDALCreate(mem, "", grid->nx, grid->ny, 1, spec->type, NULL) : NULL;
    if (ds == NULL) {
        pc_error(PC_ERR_RUN, "cannot stage a raster in memory: %s", pc_gdal_error("?"));
        return NULL;
    }
    double gt[6] = {grid->x0, grid->cell, 0, grid->y0, 0, -grid->cell};
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    int rc = PC_OK;
    if (GDALSetGeoTransform(ds, gt) != CE_None || GDALSetSpatialRef(ds, srs) != CE_None ||
        GDALSetRasterNoDataValue(b, spec->nodata) != CE_None ||
        GDALRasterIO(b, GF_Write, 0, 0, grid->nx, grid->ny, (void *)data, grid->nx, grid->ny,
                     spec->type, 0, 0) != CE_None)
        rc = pc_error(PC_ERR_RUN, "cannot stage a raster in memory: %s", pc_gdal_error("?"));
    if (rc == PC_OK && spec->description != NULL)
        GDALSetDescription(b, spec->description);
    if (rc == PC_OK && spec->metadata != NULL)
        GDALSetMetadata(ds, (char **)spec->metadata, NULL);
    if (rc == PC_OK)
        rc = set_classes(b, spec);
    if (rc != PC_OK) {
        GDALClose(ds);
        return NULL;
    }
    return ds;
}

/* Builds internal DEFLATE overviews on the file at path, halving until the longer side is
 * about PC_GTIFF_SMALLEST_OVERVIEW cells. */
static int build_overviews(const char *path, const struct pc_grid *grid,
                           const struct pc_gtiff_spec *spec)
{
    int levels[16], n = 0;
    int side = grid->nx > grid->ny ? grid->nx : grid->ny;
    for (int f = 2; n < 16 && side / f >= PC_GTIFF_SMALLEST_OVERVIEW / 2; f *= 2)
        levels[n++] = f;
    if (n == 0)
        levels[n++] = 2; /* small rasters still get one level: gdalinfo shows it */
    GDALDatasetH ds = GDALOpen(path, GA_Update);
    if (ds == NULL)
        return pc_error(PC_ERR_RUN, "cannot reopen <%s>: %s", path, pc_gdal_error("?"));
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
    CPLSetThreadLocalConfigOption("GDAL_TIFF_OVR_BLOCKSIZE", PC_GTIFF_BLOCK);
    int rc = PC_OK;
    if (GDALBuildOverviews(ds, spec->resampling, n, levels, 0, NULL, NULL, NULL) != CE_None)
        rc =
            pc_error(PC_ERR_RUN, "building overviews of <%s> failed: %s", path, pc_gdal_error("?"));
    CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", NULL);
    CPLSetThreadLocalConfigOption("GDAL_TIFF_OVR_BLOCKSIZE", NULL);
    GDALClose(ds);
    if (rc == PC_OK && CPLGetLastErrorType() >= CE_Failure)
        rc = pc_error(PC_ERR_RUN, "writing <%s> failed: %s", path, pc_gdal_error("?"));
    return rc;
}

int pc_gtiff_write(const char *path, const struct pc_grid *grid, OGRSpatialReferenceH srs,
                   const void *data, const struct pc_gtiff_spec *spec)
{
    GDALDriverH gtiff = GDALGetDriverByName("GTiff");
    if (gtiff == NULL)
        return pc_error(PC_ERR_RUN, "GDAL has no GTiff driver");
    GDALDatasetH staged = staged_dataset(grid, srs, data, spec);
    if (staged == NULL)
        return PC_ERR_RUN;
    /* predictor 2 (horizontal differencing) for integers, 3 (floating point) for Float32 */
    const char *options[] = {"TILED=YES",
                             "BLOCKXSIZE=" PC_GTIFF_BLOCK,
                             "BLOCKYSIZE=" PC_GTIFF_BLOCK,
                             "COMPRESS=DEFLATE",
                             spec->type == GDT_Float32 ? "PREDICTOR=3" : "PREDICTOR=2",
                             NULL};
    CPLErrorReset();
    GDALDatasetH out = GDALCreateCopy(gtiff, path, staged, FALSE, (char **)options, NULL, NULL);
    int rc = PC_OK;
    if (out == NULL)
        rc = pc_error(PC_ERR_RUN, "cannot write <%s>: %s", path, pc_gdal_error("?"));
    else
        GDALClose(out);
    GDALClose(staged);
    if (rc == PC_OK && CPLGetLastErrorType() >= CE_Failure)
        rc = pc_error(PC_ERR_RUN, "writing <%s> failed: %s", path, pc_gdal_error("?"));
    if (rc == PC_OK)
        rc = build_overviews(path, grid, spec);
    return rc;
}
