/* ind_share.c: kind `share`, the % of a base area covered by a layer: the base is the
 * `within` layer inside each region, or the region itself. Both layers are dissolved first,
 * so overlapping features count once. */
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* The base area of region r: *base is a new geometry, or NULL with *borrowed set when the
 * base is a geometry owned elsewhere, or both NULL when the region has no base. */
static int region_base(struct pc_geos *g, const GEOSGeometry *within, const struct pc_region *r,
                       GEOSGeometry **base, const GEOSGeometry **borrowed)
{
    *base = NULL;
    *borrowed = NULL;
    if (within == NULL) {
        *borrowed = r->geom; /* NULL for an unbounded scope: no base */
        return PC_OK;
    }
    if (r->unbounded) {
        *borrowed = within;
        return PC_OK;
    }
    if (r->geom == NULL)
        return PC_OK;
    return pc_geom_intersect_polygons(g, within, r->geom, base);
}

int pc_eval_share(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: share of <%s>%s%s", def->id, def->layer->name,
             def->within ? " within " : "", def->within ? def->within->name : "");
    pc_progress_report(&ev->progress, 0, msg);

    const GEOSGeometry *layer = pc_layer_dissolved(pc_eval_layer(ev, def->layer), g);
    const GEOSGeometry *within = NULL;
    int rc = layer ? PC_OK : PC_ERR_RUN;
    if (rc == PC_OK && def->within != NULL &&
        (within = pc_layer_dissolved(pc_eval_layer(ev, def->within), g)) == NULL)
        rc = PC_ERR_RUN;
    if (rc == PC_OK)
        rc = pc_eval_regions(ev, def, &regions);
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        GEOSGeometry *owned = NULL;
        const GEOSGeometry *base = NULL;
        struct pc_measure m = pc_measure_none();
        rc = region_base(g, within, &regions->items[i], &owned, &base);
        if (owned != NULL)
            base = owned;
        if (rc == PC_OK && (base != NULL || !regions->items[i].unbounded)) {
            m.denominator = base ? pc_geom_area(g, base) : 0.0;
            m.numerator = 0;
            if (base != NULL)
                rc = pc_geom_intersection_area(g, layer, base, &m.numerator);
            if (m.denominator > 0)
                m.value = 100.0 * m.numerator / m.denominator;
        }
        if (owned != NULL)
            GEOSGeom_destroy_r(g->h, owned);
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}
