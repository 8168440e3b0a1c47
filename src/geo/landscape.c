/* landscape.c: FRAGSTATS class metrics on vector patches. */
#include "geo/landscape.h"

#include <math.h>

#include "core/error.h"
#include "geo/geom.h"

/* Square metres in a hectare. */
#define M2_PER_HA 10000.0

/* *length = length of the patch boundaries that are not on the landscape's boundary (the
 * FRAGSTATS edge with no landscape border: the landscape boundary is not counted as edge). */
static int interior_edge(struct pc_geos *g, const GEOSGeometry *patches,
                         const GEOSGeometry *landscape, double *length)
{
    GEOSContextHandle_t h = g->h;
    GEOSGeometry *edges = GEOSBoundary_r(h, patches);
    if (edges == NULL)
        return pc_geos_fail(g, "patch boundaries");
    if (landscape != NULL) {
        GEOSGeometry *rim = GEOSBoundary_r(h, landscape);
        GEOSGeometry *inner = rim ? GEOSDifference_r(h, edges, rim) : NULL;
        if (rim != NULL)
            GEOSGeom_destroy_r(h, rim);
        GEOSGeom_destroy_r(h, edges);
        if (inner == NULL)
            return pc_geos_fail(g, "patch edges inside the landscape");
        edges = inner;
    }
    int ok = GEOSLength_r(h, edges, length);
    GEOSGeom_destroy_r(h, edges);
    return ok ? PC_OK : pc_geos_fail(g, "edge length");
}

int pc_landscape_metrics(struct pc_geos *g, const GEOSGeometry *patches,
                         const GEOSGeometry *landscape, struct pc_landscape_metrics *out)
{
    GEOSContextHandle_t h = g->h;
    double total = 0, largest = 0, squares = 0;
    size_t np = 0;
    int parts = patches ? GEOSGetNumGeometries_r(h, patches) : 0;
    for (int i = 0; i < parts; i++) {
        double a = pc_geom_area(g, GEOSGetGeometryN_r(h, patches, i));
        if (a <= 0)
            continue; /* an empty part is no patch */
        np++;
        total += a;
        squares += a * a;
        if (a > largest)
            largest = a;
    }
    out->np = np;
    out->ca_ha = total / M2_PER_HA;
    out->area_mn_ha = np ? total / (double)np / M2_PER_HA : NAN;
    out->area_am_ha = np ? squares / total / M2_PER_HA : NAN;
    out->edge_m = 0;
    if (np > 0) {
        int rc = interior_edge(g, patches, landscape, &out->edge_m);
        if (rc != PC_OK)
            return rc;
    }
    double A = landscape ? pc_geom_area(g, landscape) : NAN;
    out->landscape_m2 = A;
    int usable = A > 0;
    out->pd = usable ? (double)np / A * M2_PER_HA * 100.0 : NAN;
    out->lpi = usable ? largest / A * 100.0 : NAN;
    out->ed = usable ? out->edge_m / A * M2_PER_HA : NAN;
    return PC_OK;
}

enum pc_expansion pc_expansion_of(double lei)
{
    if (lei > 50)
        return PC_EXP_INFILLING;
    return lei > 0 ? PC_EXP_EDGE : PC_EXP_OUTLYING;
}

const char *pc_expansion_name(enum pc_expansion e)
{
    static const char *const names[] = {"infilling", "edge", "outlying"};
    return names[e];
}
