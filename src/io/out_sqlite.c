/* out_sqlite.c: tables -> a new SpatiaLite database through GDAL's SQLite driver
 * (SPATIALITE=YES), spatial indexes built after loading (DESIGN.md §3). */
#include "io/out_sqlite.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/sql_quote.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/ogr_write.h"

/* Builds the SpatiaLite R*Tree index of a geometry table, once its rows are in. */
static int build_spatial_index(GDALDatasetH ds, const struct pc_table *t)
{
    char *name = pc_sql_literal(t->name);
    char *sql =
        name ? pc_strfmt("SELECT CreateSpatialIndex(%s, '" PC_GEOMETRY_COLUMN "')", name) : NULL;
    free(name);
    return pc_ogr_exec(ds, sql, "cannot build the spatial index of table", t->name);
}

int pc_sqlite_write(const char *path, OGRSpatialReferenceH srs, const struct pc_tables *tables,
                    struct pc_geos *g, const struct pc_progress *progress)
{
    GDALDriverH drv = GDALGetDriverByName("SQLite");
    if (drv == NULL)
        return pc_error(PC_ERR_RUN, "GDAL has no SQLite driver");
    /* INIT_WITH_EPSG=NO: spatial_ref_sys holds only the plan CRS, not all of EPSG (6 MB) */
    const char *options[] = {"SPATIALITE=YES", "INIT_WITH_EPSG=NO", NULL};
    CPLErrorReset();
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, (char **)options);
    if (ds == NULL)
        return pc_ogr_fail("cannot create database", path);
    static const char *const layer_options[] = {"GEOMETRY_NAME=" PC_GEOMETRY_COLUMN,
                                                "SPATIAL_INDEX=NO", "LAUNDER=NO", NULL};
    struct pc_ogr_writer w;
    int rc = pc_ogr_writer_init(&w, ds, srs, g, layer_options, tables, progress);
    for (size_t i = 0; i < tables->n && rc == PC_OK; i++)
        rc = pc_ogr_write_table(&w, tables->items[i]);
    for (size_t i = 0; i < tables->n && rc == PC_OK; i++)
        if (tables->items[i]->has_geometry)
            rc = build_spatial_index(ds, tables->items[i]);
    pc_ogr_writer_done(&w);
    CPLErrorReset();
    GDALClose(ds);
    if (rc == PC_OK && CPLGetLastErrorType() >= CE_Failure)
        rc = pc_ogr_fail("cannot finish database", path);
    pc_progress_report(progress, 1, NULL);
    return rc;
}
