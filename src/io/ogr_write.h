/* ogr_write.h: writes plancheck tables into an open GDAL vector dataset (SpatiaLite or
 * PostGIS), one transaction per batch of rows; the back-ends (out_sqlite.c, out_postgis.c)
 * create the dataset and build their indexes. */
#ifndef PC_OGR_WRITE_H
#define PC_OGR_WRITE_H

#include <gdal.h>
#include <ogr_srs_api.h>

#include "core/progress.h"
#include "core/table.h"
#include "geo/geos_ctx.h"

/* Column name of every geometry: lower case, which the QGIS providers match (see
 * ../shared/reference/qgis-styling/README.md). */
#define PC_GEOMETRY_COLUMN "geometry"

/* A writer borrows everything it is given; pc_ogr_writer_done releases only what
 * pc_ogr_writer_init made. */
struct pc_ogr_writer {
    GDALDatasetH ds;                  /* borrowed, open for update */
    OGRSpatialReferenceH srs;         /* borrowed: the CRS of every geometry table */
    struct pc_geos *g;                /* borrowed */
    const char *const *layer_options; /* borrowed, NULL-terminated: layer creation options */
    GEOSWKBWriter *wkb;               /* owned */
    const struct pc_progress *progress;
    size_t rows_total, rows_done;
};

/* Sets up w to write `tables` (counted for progress) into ds with the given layer creation
 * options. Returns PC_OK or PC_ERR_RUN (pc_error set). */
int pc_ogr_writer_init(struct pc_ogr_writer *w, GDALDatasetH ds, OGRSpatialReferenceH srs,
                       struct pc_geos *g, const char *const *layer_options,
                       const struct pc_tables *tables, const struct pc_progress *progress);

/* Creates the layer t->name (its geometries as MultiPolygon in w->srs, or no geometry) and
 * writes every row in transactions of PC_ROWS_PER_TRANSACTION; a streamed table's batches
 * are filled and written one after the other (t is left empty). Returns PC_OK or
 * PC_ERR_RUN naming the table; the caller discards the partial output. */
int pc_ogr_write_table(struct pc_ogr_writer *w, struct pc_table *t);

/* Releases what pc_ogr_writer_init made; the dataset stays open. Safe on a zeroed w. */
void pc_ogr_writer_done(struct pc_ogr_writer *w);

/* Runs one SQL statement on ds and drops any rows it returns; takes and frees `sql` (NULL:
 * out of memory). Returns PC_OK, or PC_ERR_RUN as pc_ogr_fail(what, name). */
int pc_ogr_exec(GDALDatasetH ds, char *sql, const char *what, const char *name);

/* Reports a GDAL failure as PC_ERR_RUN: "<what> <name>: <GDAL's message>". */
int pc_ogr_fail(const char *what, const char *name);

#endif
