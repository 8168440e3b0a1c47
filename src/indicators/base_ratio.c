/* base_ratio.c: the loop kinds share that measure something per unit of a base area (share:
 * covered area ÷ base area; density: line length ÷ base area), where the base is the `within`
 * layer inside each region, or the region itself. */
#include "indicators/base_ratio.h"

#include "core/error.h"
#include "geo/geom.h"

int pc_eval_base_ratio(struct pc_eval *ev, const struct pc_indicator_def *def,
                       pc_base_measure_fn measure, void *data, double scale)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    const GEOSGeometry *within = NULL;
    int rc = PC_OK;
    if (def->within != NULL &&
        (within = pc_layer_dissolved(pc_eval_layer(ev, def->within), g)) == NULL)
        rc = PC_ERR_RUN;
    if (rc == PC_OK)
        rc = pc_eval_regions(ev, def, &regions);
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        GEOSGeometry *owned = NULL;
        const GEOSGeometry *base = NULL;
        struct pc_measure m = pc_measure_none();
        rc = pc_region_base(g, within, &regions->items[i], &owned, &base);
        if (owned != NULL)
            base = owned;
        if (rc == PC_OK && (base != NULL || !regions->items[i].unbounded)) {
            m.denominator = base ? pc_geom_area(g, base) : 0.0;
            m.numerator = 0;
            if (base != NULL)
                rc = measure(g, base, data, &m.numerator);
            if (m.denominator > 0)
                m.value = scale * m.numerator / m.denominator;
        }
        if (owned != NULL)
            GEOSGeom_destroy_r(g->h, owned);
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}
