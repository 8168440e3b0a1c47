/* geom_ingest.c: see geom_ingest.h. */
#include "io/geom_ingest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "geo/geom.h"

int pc_ingest_init(struct pc_ingest *in, struct pc_geos *g, OGRCoordinateTransformationH ct)
{
    memset(in, 0, sizeof *in);
    in->g = g;
    in->ct = ct;
    in->wkb = GEOSWKBReader_create_r(g->h);
    return in->wkb ? PC_OK : pc_geos_fail(g, "creating a WKB reader");
}

void pc_ingest_done(struct pc_ingest *in)
{
    if (in->wkb != NULL)
        GEOSWKBReader_destroy_r(in->g->h, in->wkb);
    free(in->buf);
    memset(in, 0, sizeof *in);
}

/* Nonzero when every coordinate of the (2D) geometry is a finite number: its envelope's are,
 * and NaN would not show in an envelope, so each point is looked at. */
static int all_finite(OGRGeometryH geom)
{
    int parts = OGR_G_GetGeometryCount(geom);
    if (parts > 0) {
        for (int i = 0; i < parts; i++)
            if (!all_finite(OGR_G_GetGeometryRef(geom, i)))
                return 0;
        return 1;
    }
    int n = OGR_G_GetPointCount(geom);
    for (int i = 0; i < n; i++) {
        double x = OGR_G_GetX(geom, i), y = OGR_G_GetY(geom, i);
        if (!isfinite(x) || !isfinite(y))
            return 0;
    }
    return 1;
}

int pc_ingest_convert(struct pc_ingest *in, OGRGeometryH geom, const char *layer, long long fid,
                      GEOSGeometry **out)
{
    *out = NULL;
    int rc = PC_OK;
    if (OGR_G_HasCurveGeometry(geom, TRUE)) {
        OGRGeometryH linear = OGR_G_GetLinearGeometry(geom, 0, NULL);
        OGR_G_DestroyGeometry(geom);
        geom = linear;
        if (geom == NULL)
            return pc_error(PC_ERR_RUN, "layer <%s>: cannot linearise curves of feature %lld",
                            layer, fid);
    }
    OGR_G_FlattenTo2D(geom);
    if (!all_finite(geom)) {
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld has a coordinate that is not a number (NaN or "
                      "infinite); fix or remove it",
                      layer, fid);
        goto done;
    }
    if (in->ct != NULL && OGR_G_Transform(geom, in->ct) != OGRERR_NONE) {
        rc = pc_error(PC_ERR_RUN, "layer <%s>: cannot transform feature %lld into the plan CRS",
                      layer, fid);
        goto done;
    }
    if (in->ct != NULL && !all_finite(geom)) { /* far outside the plan CRS's area */
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld lies where the plan CRS has no coordinates "
                      "(it projects to infinity); check the layer's CRS",
                      layer, fid);
        goto done;
    }
    size_t size = (size_t)OGR_G_WkbSize(geom);
    if (size > in->buf_size) {
        unsigned char *grown = realloc(in->buf, size);
        if (grown == NULL) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            goto done;
        }
        in->buf = grown;
        in->buf_size = size;
    }
    OGR_G_ExportToWkb(geom, wkbNDR, in->buf);
    *out = GEOSWKBReader_read_r(in->g->h, in->wkb, in->buf, size);
    if (*out == NULL) /* OGR takes shapes GEOS refuses, such as a line of one point */
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld has a geometry GEOS cannot take (%s); "
                      "fix or remove it",
                      layer, fid, in->g->last_error[0] ? in->g->last_error : "unknown error");
done:
    OGR_G_DestroyGeometry(geom);
    return rc;
}

int pc_ingest_repair(struct pc_ingest *in, GEOSGeometry **geom, const char *layer, long long fid,
                     int *repaired)
{
    struct pc_geos *g = in->g;
    *repaired = 0;
    if (!pc_geom_is_polygonal(g, *geom))
        return PC_OK;
    char valid = GEOSisValid_r(g->h, *geom);
    if (valid == 1)
        return PC_OK;
    if (valid != 0)
        return pc_geos_fail(g, "checking validity");
    GEOSGeometry *fixed = GEOSMakeValid_r(g->h, *geom);
    if (fixed == NULL) {
        char what[256];
        snprintf(what, sizeof what, "layer <%s>: repairing feature %lld", layer, fid);
        return pc_geos_fail(g, what);
    }
    GEOSGeom_destroy_r(g->h, *geom);
    *geom = fixed;
    *repaired = 1;
    return pc_geom_keep_polygons(g, geom);
}
