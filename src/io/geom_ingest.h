/* geom_ingest.h: one feature's geometry from OGR into GEOS, as every layer is read: curves
 * made linear, Z dropped, open rings closed, reprojected into the plan CRS, refused when a
 * coordinate is not a
 * finite number or lies beyond 1e9 m in the plan CRS, and an invalid polygon repaired. Kept apart
 * from the reader so that the fuzzer (fuzz/fuzz_geometry.c) drives exactly this code. */
#ifndef PC_GEOM_INGEST_H
#define PC_GEOM_INGEST_H

#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "geo/geos_ctx.h"

struct pc_ingest {
    struct pc_geos *g;               /* borrowed */
    OGRCoordinateTransformationH ct; /* borrowed; NULL: already in the plan CRS */
    GEOSWKBReader *wkb;              /* owned */
    unsigned char *buf;              /* owned: the WKB of the current feature */
    size_t buf_size;
    int closed_rings; /* rings of the last converted feature that were left open and closed */
};

/* Sets up *in (zeroed first) for context g and transformation ct (may be NULL). Returns
 * PC_OK or PC_ERR_RUN. */
int pc_ingest_init(struct pc_ingest *in, struct pc_geos *g, OGRCoordinateTransformationH ct);

/* Frees what *in owns; safe on a zeroed or failed *in. */
void pc_ingest_done(struct pc_ingest *in);

/* Converts `geom` (taken, destroyed) of feature `fid` of layer `layer` (for messages) into
 * *out, a new GEOS geometry in the plan CRS. Returns PC_OK; PC_ERR_USAGE naming the layer
 * and feature when a coordinate is NaN or infinite or beyond 1e9 m in the plan CRS, or when
 * GEOS cannot take the shape (a line of one point); PC_ERR_RUN when curves cannot be made
 * linear. A feature whose coordinates the transformation cannot take is PC_ERR_USAGE too. */
int pc_ingest_convert(struct pc_ingest *in, OGRGeometryH geom, const char *layer, long long fid,
                      GEOSGeometry **out);

/* Repairs an invalid polygonal *geom in place (GEOSMakeValid, then its polygonal parts; a
 * zero buffer when that is still invalid) and sets *repaired; *geom becomes NULL when nothing
 * of it has area. Other geometries are left alone. Returns PC_OK, PC_ERR_USAGE naming the
 * layer and feature when no repair gives a valid polygon, or PC_ERR_RUN. */
int pc_ingest_repair(struct pc_ingest *in, GEOSGeometry **geom, const char *layer, long long fid,
                     int *repaired);

#endif
