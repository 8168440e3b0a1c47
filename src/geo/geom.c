/* geom.c: geometry helpers over GEOS: polygon extraction, unions, clipped areas. */
#include "geo/geom.h"

#include <stdlib.h>

#include "core/error.h"
#include "core/util.h"

int pc_geom_is_polygonal(struct pc_geos *g, const GEOSGeometry *geom)
{
    int type = GEOSGeomTypeId_r(g->h, geom);
    return (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) && GEOSisEmpty_r(g->h, geom) == 0;
}

/* Appends clones of the non-empty polygons in geom (recursing into collections). */
static int collect_polygons(struct pc_geos *g, const GEOSGeometry *geom, GEOSGeometry ***parts,
                            size_t *n, size_t *cap)
{
    int type = GEOSGeomTypeId_r(g->h, geom);
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(g->h, geom) == 1)
            return PC_OK;
        if (pc_reserve((void **)parts, cap, *n + 1, sizeof **parts) != 0)
            return pc_error(PC_ERR_RUN, "out of memory");
        GEOSGeometry *copy = GEOSGeom_clone_r(g->h, geom);
        if (copy == NULL)
            return pc_geos_fail(g, "copying a polygon");
        (*parts)[(*n)++] = copy;
        return PC_OK;
    }
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        int count = GEOSGetNumGeometries_r(g->h, geom);
        for (int i = 0; i < count; i++) {
            int rc = collect_polygons(g, GEOSGetGeometryN_r(g->h, geom, i), parts, n, cap);
            if (rc)
                return rc;
        }
    }
    return PC_OK; /* points and lines have no area */
}

int pc_geom_keep_polygons(struct pc_geos *g, GEOSGeometry **geom)
{
    int type = GEOSGeomTypeId_r(g->h, *geom);
    if (type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) {
        if (GEOSisEmpty_r(g->h, *geom) == 1) {
            GEOSGeom_destroy_r(g->h, *geom);
            *geom = NULL;
        }
        return PC_OK;
    }
    GEOSGeometry **parts = NULL;
    size_t n = 0, cap = 0;
    int rc = collect_polygons(g, *geom, &parts, &n, &cap);
    GEOSGeom_destroy_r(g->h, *geom);
    *geom = NULL;
    if (rc == PC_OK && n == 1) {
        *geom = parts[0];
        n = 0;
    } else if (rc == PC_OK && n > 1) {
        /* polygons of one collection may share edges: dissolve them into one valid area */
        *geom = pc_geom_union_take(g, parts, n);
        n = 0;
        if (*geom == NULL)
            rc = PC_ERR_RUN;
    }
    for (size_t i = 0; i < n; i++)
        GEOSGeom_destroy_r(g->h, parts[i]);
    free(parts);
    return rc;
}

GEOSGeometry *pc_geom_union_take(struct pc_geos *g, GEOSGeometry **geoms, size_t n)
{
    if (n == 0)
        return GEOSGeom_createEmptyCollection_r(g->h, GEOS_MULTIPOLYGON);
    /* the collection takes its members; GEOS wants a mutable array it does not keep */
    GEOSGeometry *collection =
        GEOSGeom_createCollection_r(g->h, GEOS_GEOMETRYCOLLECTION, geoms, (unsigned)n);
    if (collection == NULL) {
        /* GEOS 3.11 moves the members into owning pointers before it can fail, so they
         * are gone already: destroying them here would free them twice */
        pc_geos_fail(g, "collecting geometries for a union");
        return NULL;
    }
    GEOSGeometry *u = GEOSUnaryUnion_r(g->h, collection);
    GEOSGeom_destroy_r(g->h, collection);
    if (u == NULL)
        pc_geos_fail(g, "union");
    return u;
}

GEOSGeometry *pc_geom_union_copy(struct pc_geos *g, GEOSGeometry *const *geoms, size_t n)
{
    GEOSGeometry **copies = malloc((n ? n : 1) * sizeof *copies);
    if (copies == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        copies[i] = GEOSGeom_clone_r(g->h, geoms[i]);
        if (copies[i] == NULL) {
            for (size_t j = 0; j < i; j++)
                GEOSGeom_destroy_r(g->h, copies[j]);
            free(copies);
            pc_geos_fail(g, "copying geometries for a union");
            return NULL;
        }
    }
    GEOSGeometry *u = pc_geom_union_take(g, copies, n);
    free(copies);
    return u;
}

int pc_geom_intersect_polygons(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                               GEOSGeometry **out)
{
    *out = GEOSIntersection_r(g->h, a, b);
    if (*out == NULL)
        return pc_geos_fail(g, "intersection");
    return pc_geom_keep_polygons(g, out);
}

int pc_geom_difference_polygons(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                                GEOSGeometry **out)
{
    *out = GEOSDifference_r(g->h, a, b);
    if (*out == NULL)
        return pc_geos_fail(g, "difference");
    return pc_geom_keep_polygons(g, out);
}

int pc_geom_intersection_area(struct pc_geos *g, const GEOSGeometry *a, const GEOSGeometry *b,
                              double *area)
{
    GEOSGeometry *both = GEOSIntersection_r(g->h, a, b);
    if (both == NULL)
        return pc_geos_fail(g, "intersection");
    *area = pc_geom_area(g, both);
    GEOSGeom_destroy_r(g->h, both);
    return PC_OK;
}

double pc_geom_area(struct pc_geos *g, const GEOSGeometry *geom)
{
    double area = 0;
    if (GEOSArea_r(g->h, geom, &area) != 1)
        return 0;
    return area;
}

int pc_geom_relate(struct pc_geos *g, const GEOSPreparedGeometry *region, const GEOSGeometry *geom,
                   enum pc_relation *rel)
{
    /* ContainsProperly, not Contains: for a geometry that touches the region's boundary,
     * prepared Contains falls back to a full relate of the whole region, which costs time in
     * the region's size on every call (the boundary parcels of a built-up area, streets along
     * it). Such a geometry is PARTIAL here, and callers cut it exactly. */
    char inside = GEOSPreparedContainsProperly_r(g->h, region, geom);
    if (inside == 1) {
        *rel = PC_REL_INSIDE;
        return PC_OK;
    }
    if (inside != 0)
        return pc_geos_fail(g, "prepared contains properly");
    char touches = GEOSPreparedIntersects_r(g->h, region, geom);
    if (touches != 0 && touches != 1)
        return pc_geos_fail(g, "prepared intersects");
    *rel = touches == 1 ? PC_REL_PARTIAL : PC_REL_OUTSIDE;
    return PC_OK;
}

GEOSGeometry *pc_geom_rectangle(struct pc_geos *g, double x0, double y0, double x1, double y1)
{
    GEOSContextHandle_t h = g->h;
    GEOSCoordSequence *cs = GEOSCoordSeq_create_r(h, 5, 2);
    const double xy[5][2] = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
    for (int i = 0; cs != NULL && i < 5; i++)
        GEOSCoordSeq_setXY_r(h, cs, (unsigned)i, xy[i][0], xy[i][1]);
    /* the ring takes the sequence, the polygon the ring */
    GEOSGeometry *shell = cs ? GEOSGeom_createLinearRing_r(h, cs) : NULL;
    GEOSGeometry *rect = shell ? GEOSGeom_createPolygon_r(h, shell, NULL, 0) : NULL;
    if (rect == NULL)
        pc_geos_fail(g, "making a rectangle");
    return rect;
}
