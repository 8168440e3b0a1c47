/* fuzz_geometry.c: libFuzzer target for geometry ingestion (io/geom_ingest.h), the code every
 * feature of every layer goes through. Each input is read as WKB by OGR (inputs OGR refuses
 * are skipped: they never reach plancheck), then converted into GEOS and repaired exactly as
 * a layer is read. Contract checked: no crash, leak or overrun, a refused geometry gets a
 * one-line error, and a polygon that comes out of the repair is valid. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_error.h>
#include <ogr_api.h>

#include "core/error.h"
#include "geo/geom.h"
#include "io/geom_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct pc_geos *g;
    static struct pc_ingest in;
    if (g == NULL) {
        CPLSetErrorHandler(CPLQuietErrorHandler); /* OGR's complaints about corrupt WKB */
        if ((g = pc_geos_new()) == NULL || pc_ingest_init(&in, g, NULL) != PC_OK)
            abort();
    }
    OGRGeometryH geom = NULL;
    if (size > (size_t)INT32_MAX ||
        OGR_G_CreateFromWkb(data, NULL, &geom, (int)size) != OGRERR_NONE || geom == NULL)
        return 0;
    if (OGR_G_IsEmpty(geom)) { /* the reader counts these as empty and skips them */
        OGR_G_DestroyGeometry(geom);
        return 0;
    }
    GEOSGeometry *gg = NULL;
    int repaired = 0;
    int rc = pc_ingest_convert(&in, geom, "fuzz", 1, &gg);
    if (rc == PC_OK && gg != NULL)
        rc = pc_ingest_repair(&in, &gg, "fuzz", 1, &repaired);
    if (rc != PC_OK && (pc_error_message()[0] == '\0' || strchr(pc_error_message(), '\n'))) {
        fprintf(stderr, "not a one-line error: [%s]\n", pc_error_message());
        abort();
    }
    if (rc == PC_OK && gg != NULL && pc_geom_is_polygonal(g, gg)) {
        if (GEOSisValid_r(g->h, gg) != 1) { /* the repair promised a valid polygon */
            char *why = GEOSisValidReason_r(g->h, gg);
            fprintf(stderr, "a repaired polygon is not valid: %s\n", why ? why : "?");
            abort();
        }
        (void)pc_geom_area(g, gg);
    }
    if (gg != NULL)
        GEOSGeom_destroy_r(g->h, gg);
    return 0;
}
