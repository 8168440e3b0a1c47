/* ind_count.c: kind `count`, the number of features in the scope and each zone: points
 * where they lie, lines and polygons by a point on their surface (GEOSPointOnSurface), so
 * each feature counts in one zone. Optional filters: polygons of at least `min_area`, and
 * features within `distance` metres of any feature of the `near` layers (an STRtree over
 * them; GEOSDistanceWithin on the candidates). Polygon features counted are written to
 * `<id>_features`. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* What an STRtree query over the `near` features finds for one feature. */
struct near_query {
    struct pc_geos *g;
    const GEOSGeometry *feature;
    double distance, nearest; /* nearest: smallest distance found within `distance` */
    int failed;
};

static void near_visit(void *item, void *data)
{
    struct near_query *q = data;
    const GEOSGeometry *other = item;
    double d;
    char within = GEOSDistanceWithin_r(q->g->h, q->feature, other, q->distance);
    if (within == 2 || (within == 1 && GEOSDistance_r(q->g->h, q->feature, other, &d) == 0))
        q->failed = 1;
    else if (within == 1 && d < q->nearest)
        q->nearest = d;
}

/* An index of every feature of the `near` layers; NULL with pc_error() on failure. */
static GEOSSTRtree *near_index(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    GEOSSTRtree *tree = GEOSSTRtree_create_r(ev->g->h, 10);
    if (tree == NULL) {
        pc_geos_fail(ev->g, "creating an index");
        return NULL;
    }
    for (size_t k = 0; k < def->n_near; k++) {
        const struct pc_layer *N = pc_eval_layer(ev, def->near[k]);
        for (size_t i = 0; i < N->n; i++)
            GEOSSTRtree_insert_r(ev->g->h, tree, N->geoms[i], N->geoms[i]);
    }
    return tree;
}

/* *nearest = distance of geom to the nearest `near` feature if within the distance, else
 * INFINITY. The query envelope is geom's envelope grown by the distance. */
static int nearest_within(struct pc_geos *g, GEOSSTRtree *tree, const GEOSGeometry *geom,
                          double distance, double *nearest)
{
    double x0, y0, x1, y1;
    if (!GEOSGeom_getXMin_r(g->h, geom, &x0) || !GEOSGeom_getYMin_r(g->h, geom, &y0) ||
        !GEOSGeom_getXMax_r(g->h, geom, &x1) || !GEOSGeom_getYMax_r(g->h, geom, &y1))
        return pc_geos_fail(g, "reading an envelope");
    GEOSGeometry *box = GEOSGeom_createRectangle_r(g->h, x0 - distance, y0 - distance,
                                                   x1 + distance, y1 + distance);
    if (box == NULL)
        return pc_geos_fail(g, "making an envelope");
    struct near_query q = {g, geom, distance, INFINITY, 0};
    GEOSSTRtree_query_r(g->h, tree, box, near_visit, &q);
    GEOSGeom_destroy_r(g->h, box);
    *nearest = q.nearest;
    return q.failed ? pc_geos_fail(g, "measuring a distance") : PC_OK;
}

/* The layer of counted polygons: zone, area and (with `near`) the distance. */
static struct pc_table *open_layer(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct pc_table *t = pc_eval_output_table(ev, def, "features");
    if (t == NULL || pc_table_add_column(t, "fid", PC_COL_INT) < 0 ||
        pc_table_add_column(t, "zone", PC_COL_TEXT) < 0 ||
        pc_table_add_column(t, "area_m2", PC_COL_REAL) < 0 ||
        (def->near != NULL && pc_table_add_column(t, "distance_m", PC_COL_REAL) < 0))
        return NULL;
    return t;
}

/* Counts feature i (passing the filters) in the regions holding its point, and writes it
 * to t when it is a polygon in the scope. */
static int count_feature(struct pc_eval *ev, const struct pc_layer *L, size_t i,
                         const struct pc_regions *regions, double nearest, size_t *counts,
                         struct pc_table *t)
{
    struct pc_geos *g = ev->g;
    const GEOSGeometry *geom = L->geoms[i];
    GEOSGeometry *point = GEOSPointOnSurface_r(g->h, geom);
    if (point == NULL)
        return pc_geos_fail(g, "finding a point on a feature");
    int in_scope = pc_region_has_point(g, &regions->items[0], point);
    size_t zone = in_scope ? pc_regions_zone_of(g, regions, point) : 0;
    GEOSGeom_destroy_r(g->h, point);
    if (!in_scope)
        return PC_OK;
    counts[0]++;
    if (zone > 0)
        counts[zone]++;
    if (!pc_geom_is_polygonal(g, geom))
        return PC_OK;
    GEOSGeometry *copy = GEOSGeom_clone_r(g->h, geom);
    long row = copy ? pc_table_add_row(t, g, copy) : -1;
    if (row < 0)
        return copy ? PC_ERR_RUN : pc_geos_fail(g, "copying a feature");
    pc_table_set_int(t, (size_t)row, 0, L->fids[i]);
    pc_table_set_real(t, (size_t)row, 2, pc_geom_area(g, geom));
    if (t->ncols > 3)
        pc_table_set_real(t, (size_t)row, 3, nearest);
    return pc_table_set_text(t, (size_t)row, 1, zone ? regions->items[zone].zone : NULL)
               ? PC_ERR_RUN
               : PC_OK;
}

int pc_eval_count(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct pc_geos *g = ev->g;
    const struct pc_regions *regions = NULL;
    const struct pc_layer *L = pc_eval_layer(ev, def->layer);
    char msg[256];
    snprintf(msg, sizeof msg, "%s: count of <%s>", def->id, def->layer->name);
    pc_progress_report(&ev->progress, 0, msg);
    int rc = pc_eval_regions(ev, def, &regions);
    size_t *counts = rc == PC_OK ? calloc(regions->n, sizeof *counts) : NULL;
    if (rc == PC_OK && counts == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    GEOSSTRtree *tree = NULL;
    if (rc == PC_OK && def->near != NULL && (tree = near_index(ev, def)) == NULL)
        rc = PC_ERR_RUN;
    struct pc_table *t = rc == PC_OK ? open_layer(ev, def) : NULL;
    if (rc == PC_OK && t == NULL)
        rc = pc_error_code();
    for (size_t i = 0; rc == PC_OK && i < L->n; i++) {
        double nearest = NAN;
        if (def->min_area > 0 && !(pc_geom_area(g, L->geoms[i]) >= def->min_area))
            continue;
        if (tree != NULL && ((rc = nearest_within(g, tree, L->geoms[i], def->distance, &nearest)) ||
                             isinf(nearest)))
            continue;
        rc = count_feature(ev, L, i, regions, nearest, counts, t);
    }
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        struct pc_measure m = pc_measure_none();
        m.value = (double)counts[i];
        rc = pc_eval_emit(ev, def, regions, i, &m);
    }
    if (tree != NULL)
        GEOSSTRtree_destroy_r(g->h, tree);
    free(counts);
    return rc;
}
