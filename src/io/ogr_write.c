/* ogr_write.c: plancheck tables -> layers of an open GDAL dataset, one transaction per batch
 * of rows (DESIGN.md §3); shared by the SpatiaLite and PostGIS back-ends. */
#include "io/ogr_write.h"

#include <cpl_error.h>
#include <ogr_api.h>

#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "io/gdal_env.h"

/* Rows per transaction: autocommit is about a thousand times slower, and one huge
 * transaction only grows the journal (DESIGN.md §3 measured 10^4-10^5 as the sweet spot). */
#define PC_ROWS_PER_TRANSACTION 20000

int pc_ogr_fail(const char *what, const char *name)
{
    return pc_error(PC_ERR_RUN, "%s <%s>: %s", what, name, pc_gdal_error("GDAL error"));
}

static OGRFieldType field_type(enum pc_col_type t)
{
    return t == PC_COL_INT ? OFTInteger64 : t == PC_COL_REAL ? OFTReal : OFTString;
}

/* Converts a GEOS polygonal geometry to a new OGR MultiPolygon; NULL with pc_error(). */
static OGRGeometryH to_ogr(struct pc_ogr_writer *w, const GEOSGeometry *geom)
{
    size_t size = 0;
    unsigned char *wkb = GEOSWKBWriter_write_r(w->g->h, w->wkb, geom, &size);
    if (wkb == NULL) {
        pc_geos_fail(w->g, "writing a geometry");
        return NULL;
    }
    OGRGeometryH out = NULL;
    OGRErr err = OGR_G_CreateFromWkbEx(wkb, NULL, &out, size);
    GEOSFree_r(w->g->h, wkb);
    if (err != OGRERR_NONE) {
        pc_error(PC_ERR_RUN, "converting a geometry for GDAL failed");
        return NULL;
    }
    return OGR_G_ForceToMultiPolygon(out);
}

static OGRLayerH create_layer(struct pc_ogr_writer *w, const struct pc_table *t)
{
    OGRLayerH lyr = GDALDatasetCreateLayer(w->ds, t->name, t->has_geometry ? w->srs : NULL,
                                           t->has_geometry ? wkbMultiPolygon : wkbNone,
                                           (char **)w->layer_options);
    if (lyr == NULL) {
        pc_ogr_fail("cannot create table", t->name);
        return NULL;
    }
    for (size_t c = 0; c < t->ncols; c++) {
        OGRFieldDefnH fd = OGR_Fld_Create(t->cols[c].name, field_type(t->cols[c].type));
        OGRErr err = OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE) {
            pc_ogr_fail("cannot create a column of table", t->name);
            return NULL;
        }
    }
    return lyr;
}

/* Fills feature f from row r of t. */
static int fill_feature(struct pc_ogr_writer *w, const struct pc_table *t, size_t r, OGRFeatureH f)
{
    for (size_t c = 0; c < t->ncols; c++) {
        const struct pc_column *col = &t->cols[c];
        if (!col->set[r]) {
            OGR_F_SetFieldNull(f, (int)c);
            continue;
        }
        switch (col->type) {
        case PC_COL_INT:
            OGR_F_SetFieldInteger64(f, (int)c, col->cells[r].i);
            break;
        case PC_COL_REAL:
            OGR_F_SetFieldDouble(f, (int)c, col->cells[r].r);
            break;
        case PC_COL_TEXT:
            OGR_F_SetFieldString(f, (int)c, col->cells[r].s);
            break;
        }
    }
    if (t->has_geometry && t->geoms[r] != NULL) {
        OGRGeometryH geom = to_ogr(w, t->geoms[r]);
        if (geom == NULL)
            return PC_ERR_RUN;
        OGR_F_SetGeometryDirectly(f, geom);
    }
    return PC_OK;
}

/* Writes the rows t holds now, continuing the open transaction (*in_transaction) and
 * committing every PC_ROWS_PER_TRANSACTION rows. */
static int write_rows(struct pc_ogr_writer *w, OGRLayerH lyr, const struct pc_table *t,
                      int *in_transaction)
{
    int rc = PC_OK;
    for (size_t r = 0; r < t->nrows && rc == PC_OK; r++) {
        if (!*in_transaction) {
            if (GDALDatasetStartTransaction(w->ds, FALSE) != OGRERR_NONE)
                return pc_ogr_fail("cannot start a transaction on table", t->name);
            *in_transaction = 1;
        }
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(lyr));
        rc = fill_feature(w, t, r, f);
        if (rc == PC_OK && OGR_L_CreateFeature(lyr, f) != OGRERR_NONE)
            rc = pc_ogr_fail("cannot write a row of table", t->name);
        OGR_F_Destroy(f);
        w->rows_done++;
        if (w->rows_done % PC_ROWS_PER_TRANSACTION == 0 && rc == PC_OK) {
            if ((rc = pc_interrupt_check()) != PC_OK)
                return rc; /* the caller rolls the open transaction back */
            *in_transaction = 0;
            if (GDALDatasetCommitTransaction(w->ds) != OGRERR_NONE)
                return pc_ogr_fail("cannot commit rows of table", t->name);
            pc_progress_report(w->progress, (double)w->rows_done / (double)w->rows_total, NULL);
        }
    }
    return rc;
}

int pc_ogr_write_table(struct pc_ogr_writer *w, struct pc_table *t)
{
    if (pc_interrupt_check() != PC_OK)
        return PC_ERR_RUN;
    OGRLayerH lyr = create_layer(w, t);
    if (lyr == NULL)
        return PC_ERR_RUN;
    int rc = PC_OK;
    int in_transaction = 0;
    char msg[256];
    snprintf(msg, sizeof msg, "writing <%s> (%zu rows)", t->name, pc_table_rows_expected(t));
    pc_progress_report(w->progress, (double)w->rows_done / (double)w->rows_total, msg);
    /* a streamed table comes in batches, each written before the next is read */
    do {
        rc = write_rows(w, lyr, t, &in_transaction);
    } while (rc == PC_OK && t->stream != NULL && (rc = pc_table_next_batch(t, w->g)) == PC_OK &&
             t->nrows > 0);
    if (in_transaction) {
        if (rc != PC_OK)
            GDALDatasetRollbackTransaction(w->ds);
        else if (GDALDatasetCommitTransaction(w->ds) != OGRERR_NONE)
            rc = pc_ogr_fail("cannot commit rows of table", t->name);
    }
    return rc;
}

int pc_ogr_writer_init(struct pc_ogr_writer *w, GDALDatasetH ds, OGRSpatialReferenceH srs,
                       struct pc_geos *g, const char *const *layer_options,
                       const struct pc_tables *tables, const struct pc_progress *progress)
{
    *w = (struct pc_ogr_writer){
        .ds = ds, .srs = srs, .g = g, .layer_options = layer_options, .progress = progress};
    for (size_t i = 0; i < tables->n; i++)
        w->rows_total += pc_table_rows_expected(tables->items[i]);
    if (w->rows_total == 0)
        w->rows_total = 1;
    w->wkb = GEOSWKBWriter_create_r(g->h);
    return w->wkb ? PC_OK : pc_geos_fail(g, "creating a WKB writer");
}

void pc_ogr_writer_done(struct pc_ogr_writer *w)
{
    if (w->wkb != NULL)
        GEOSWKBWriter_destroy_r(w->g->h, w->wkb);
    w->wkb = NULL;
}

int pc_ogr_exec(GDALDatasetH ds, char *sql, const char *what, const char *name)
{
    if (sql == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    CPLErrorReset();
    OGRLayerH result = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    free(sql);
    if (result != NULL)
        GDALDatasetReleaseResultSet(ds, result);
    if (CPLGetLastErrorType() >= CE_Failure)
        return pc_ogr_fail(what, name);
    return PC_OK;
}
