/* out_gtiff.h: writes one band of a grid as a GeoTIFF: tiled, DEFLATE-compressed, with
 * internal overviews, nodata, and optionally a colour table and a raster attribute table. */
#ifndef PC_OUT_GTIFF_H
#define PC_OUT_GTIFF_H

#include <stddef.h>

#include <gdal.h>
#include <ogr_srs_api.h>

#include "io/raster_grid.h"

/* One class of a categorical raster: its cell value, colour and the words for it. */
struct pc_raster_class {
    int value;
    unsigned char r, g, b;
    const char *code;  /* e.g. "0701", or NULL */
    const char *label; /* e.g. "城镇住宅用地" */
};

struct pc_gtiff_spec {
    GDALDataType type;       /* GDT_Byte, GDT_UInt16 or GDT_Float32 */
    double nodata;           /* the cell value meaning "outside" */
    const char *description; /* band description, or NULL */
    const char *resampling;  /* overviews: "NEAREST" for classes, "AVERAGE" for measures */
    const struct pc_raster_class *classes; /* colour table and attribute table, or NULL */
    size_t n_classes;
    const char *const *metadata; /* NULL-terminated KEY=VALUE list, or NULL */
};

/* Creates the GeoTIFF `path` (which must not exist) from data (nx*ny values of spec->type)
 * on grid in srs. Classes give a colour table (Byte and UInt16 only) and a raster attribute
 * table with columns value, code, label (kept by GDAL in PATH.aux.xml). Returns PC_OK or
 * PC_ERR_RUN naming the file; the caller removes a partial file. */
int pc_gtiff_write(const char *path, const struct pc_grid *grid, OGRSpatialReferenceH srs,
                   const void *data, const struct pc_gtiff_spec *spec);

#endif
