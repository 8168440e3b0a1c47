/* ind_per_capita.c: kind `per_capita`, the area of a layer per resident in m2/person (park,
 * shelter or sports-ground area per person). The area is the layer's dissolved polygons
 * inside the region; the residents are those of the `population` layer, each polygon's
 * residents counted in proportion to its area inside the region (areal weighting), each
 * point's where it lies. */
#include <math.h>
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* Residents of layer P inside region r. */
static int residents_in(struct pc_geos *g, const struct pc_layer *P, const struct pc_region *r,
                        double *residents)
{
    int rc = PC_OK;
    *residents = 0;
    for (size_t i = 0; rc == PC_OK && i < P->n; i++) {
        if (P->population[i] == 0)
            continue;
        if (!pc_geom_is_polygonal(g, P->geoms[i])) {
            if (pc_region_has_point(g, r, P->geoms[i]))
                *residents += P->population[i];
            continue;
        }
        double inside = 0, whole = pc_geom_area(g, P->geoms[i]);
        rc = pc_region_clip(g, r, P->geoms[i], &inside, NULL);
        if (whole > 0)
            *residents += P->population[i] * fmin(1.0, inside / whole);
    }
    return rc;
}

int pc_eval_per_capita(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: area of <%s> per resident of <%s>", def->id, def->layer->name,
             def->population->name);
    pc_progress_report(&ev->progress, 0, msg);
    const GEOSGeometry *layer = pc_layer_dissolved(pc_eval_layer(ev, def->layer), g);
    const struct pc_layer *P = pc_eval_layer(ev, def->population);
    int rc = layer ? pc_eval_regions(ev, def, &regions) : PC_ERR_RUN;
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        const struct pc_region *r = &regions->items[i];
        struct pc_measure m = pc_measure_none();
        rc = pc_region_clip(g, r, layer, &m.numerator, NULL);
        if (rc == PC_OK)
            rc = residents_in(g, P, r, &m.denominator);
        if (m.denominator > 0)
            m.value = m.numerator / m.denominator;
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}
