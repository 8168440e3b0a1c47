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

/* Closes every polygon ring whose last point is not its first (CAD conversions leave them
 * open, and GEOS refuses them); returns how many it closed. */
static int close_rings(OGRGeometryH geom)
{
    OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geom));
    int closed = 0;
    if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (int i = 0; i < OGR_G_GetGeometryCount(geom); i++)
            closed += close_rings(OGR_G_GetGeometryRef(geom, i));
        return closed;
    }
    if (type != wkbPolygon)
        return 0;
    for (int i = 0; i < OGR_G_GetGeometryCount(geom); i++) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(geom, i);
        int n = OGR_G_GetPointCount(ring);
        if (n > 0 && (OGR_G_GetX(ring, 0) != OGR_G_GetX(ring, n - 1) ||
                      OGR_G_GetY(ring, 0) != OGR_G_GetY(ring, n - 1))) {
            OGR_G_AddPoint_2D(ring, OGR_G_GetX(ring, 0), OGR_G_GetY(ring, 0));
            closed++;
        }
    }
    return closed;
}

/* Largest coordinate in the plan CRS, in metres: a projected map of the whole Earth stays
 * within about 4e7 m, so anything beyond is a broken file or a wrong CRS, and its areas
 * would overflow into nonsense (a parcel at 1e300 m gave a coverage of 1e-295 %). */
#define PC_COORD_MAX_M 1e9

/* What is wrong with a geometry's coordinates, the worst first. */
enum coords_fault { COORDS_OK, COORDS_FAR, COORDS_NOT_A_NUMBER };

/* The worst fault of any coordinate of the (2D) geometry: NaN or infinite, or beyond
 * PC_COORD_MAX_M in size. NaN does not show in an envelope, so each point is looked at, once. */
static enum coords_fault coords_fault(OGRGeometryH geom)
{
    enum coords_fault worst = COORDS_OK;
    int parts = OGR_G_GetGeometryCount(geom);
    for (int i = 0; i < parts && worst != COORDS_NOT_A_NUMBER; i++) {
        enum coords_fault f = coords_fault(OGR_G_GetGeometryRef(geom, i));
        worst = f > worst ? f : worst;
    }
    int n = parts > 0 ? 0 : OGR_G_GetPointCount(geom);
    for (int i = 0; i < n; i++) {
        double x = OGR_G_GetX(geom, i), y = OGR_G_GetY(geom, i);
        if (!isfinite(x) || !isfinite(y))
            return COORDS_NOT_A_NUMBER;
        if (fabs(x) > PC_COORD_MAX_M || fabs(y) > PC_COORD_MAX_M)
            worst = COORDS_FAR;
    }
    return worst;
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
    in->closed_rings = close_rings(geom);
    enum coords_fault fault = coords_fault(geom);
    if (fault == COORDS_NOT_A_NUMBER) {
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld has a coordinate that is not a number (NaN or "
                      "infinite); fix or remove it",
                      layer, fid);
        goto done;
    }
    if (in->ct != NULL && OGR_G_Transform(geom, in->ct) != OGRERR_NONE) {
        /* the transformation exists (the reader checked), so the coordinates do not fit */
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld cannot be transformed into the plan CRS: its "
                      "coordinates do not fit the layer's CRS (check the layer's CRS, or set "
                      "'srs')",
                      layer, fid);
        goto done;
    }
    if (in->ct != NULL)
        fault = coords_fault(geom); /* in the plan CRS now (infinite: projected off the map) */
    if (fault != COORDS_OK) {
        rc = pc_error(PC_ERR_USAGE,
                      "layer <%s>: feature %lld lies outside any map: a coordinate in the plan "
                      "CRS is beyond %g m; check its coordinates and the layer's CRS",
                      layer, fid, PC_COORD_MAX_M);
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
    int rc = pc_geom_keep_polygons(g, geom);
    if (rc != PC_OK || *geom == NULL || GEOSisValid_r(g->h, *geom) == 1)
        return rc;
    /* GEOSMakeValid can leave a ring it could not sort out (the fuzzer found a hole outside
     * its shell): a zero buffer rebuilds the polygon from its rings */
    GEOSGeometry *rebuilt = GEOSBuffer_r(g->h, *geom, 0, 8);
    if (rebuilt != NULL && GEOSisValid_r(g->h, rebuilt) == 1) {
        GEOSGeom_destroy_r(g->h, *geom);
        *geom = rebuilt;
        return pc_geom_keep_polygons(g, geom);
    }
    if (rebuilt != NULL)
        GEOSGeom_destroy_r(g->h, rebuilt);
    char *why = GEOSisValidReason_r(g->h, *geom);
    rc = pc_error(PC_ERR_USAGE,
                  "layer <%s>: feature %lld is an invalid polygon GEOS cannot repair (%s); fix it "
                  "in the source",
                  layer, fid, why ? why : "no reason given");
    GEOSFree_r(g->h, why);
    return rc;
}
