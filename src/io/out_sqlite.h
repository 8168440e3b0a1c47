/* out_sqlite.h: writes tables into a new SpatiaLite database through GDAL's SQLite driver. */
#ifndef PC_OUT_SQLITE_H
#define PC_OUT_SQLITE_H

#include <ogr_srs_api.h>

#include "core/progress.h"
#include "core/table.h"
#include "geo/geos_ctx.h"

/* Creates the SpatiaLite 4+ database `path` (which must not exist) holding every table of
 * `tables` in order: geometry tables as MultiPolygon layers in `srs` with a lower-case
 * `geometry` column and a spatial index built after loading; the others as plain tables.
 * Rows are written in transactions. Returns PC_OK or PC_ERR_RUN; on error the caller
 * removes the partial file. */
int pc_sqlite_write(const char *path, OGRSpatialReferenceH srs, const struct pc_tables *tables,
                    struct pc_geos *g, const struct pc_progress *progress);

#endif
