/* ind_per_capita.c: kind `per_capita`, the area of a layer per resident in m2/person (park,
 * shelter or sports-ground area per person). The area is the layer's dissolved polygons
 * inside the region; the residents are those of the `population` layer, each polygon's
 * residents counted in proportion to its area inside the region (areal weighting), each
 * point's where it lies. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* What residents_batch adds to: the regions and their residents so far. */
struct residents {
    const struct pc_regions *regions;
    double *sum; /* [region] */
};

/* A pc_batch_fn: adds the residents of every feature of P inside each region, the features
 * in source order (so sums do not depend on the batch size). */
static int residents_batch(struct pc_eval *ev, const struct pc_layer *P, size_t first, void *data)
{
    struct residents *res = data;
    struct pc_geos *g = ev->g;
    int rc = PC_OK;
    (void)first;
    for (size_t i = 0; rc == PC_OK && i < P->n; i++) {
        if (P->population[i] == 0)
            continue;
        int polygonal = pc_geom_is_polygonal(g, P->geoms[i]);
        double whole = polygonal ? pc_geom_area(g, P->geoms[i]) : 0;
        for (size_t k = 0; rc == PC_OK && k < res->regions->n; k++) {
            const struct pc_region *r = &res->regions->items[k];
            if (!polygonal) {
                if (pc_region_has_point(g, r, P->geoms[i]))
                    res->sum[k] += P->population[i];
                continue;
            }
            double inside = 0;
            rc = pc_region_clip(g, r, P->geoms[i], &inside, NULL);
            if (whole > 0)
                res->sum[k] += P->population[i] * fmin(1.0, inside / whole);
        }
    }
    return rc;
}

int pc_eval_per_capita(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct residents res = {0};
    struct pc_geos *g = ev->g;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: area of <%s> per resident of <%s>", def->id, def->layer->name,
             def->population->name);
    pc_progress_report(&ev->progress, 0, msg);
    struct pc_progress counting = pc_progress_slice(&ev->progress, 0.0, 0.8);
    const GEOSGeometry *layer = pc_layer_dissolved(pc_eval_layer(ev, def->layer), g);
    int rc = layer ? pc_eval_regions(ev, def, &res.regions) : PC_ERR_RUN;
    if (rc == PC_OK && (res.sum = calloc(res.regions->n, sizeof *res.sum)) == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK)
        rc = pc_eval_each_batch(ev, def->population, residents_batch, &res, &counting);
    for (size_t i = 0; rc == PC_OK && i < res.regions->n; i++) {
        const struct pc_region *r = &res.regions->items[i];
        struct pc_measure m = pc_measure_none();
        rc = pc_region_clip(g, r, layer, &m.numerator, NULL);
        m.denominator = res.sum[i];
        if (m.denominator > 0)
            m.value = m.numerator / m.denominator;
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, res.regions, i, &m);
        pc_progress_report(&ev->progress, 0.8 + 0.2 * (double)(i + 1) / (double)res.regions->n,
                           NULL);
    }
    free(res.sum);
    return rc;
}
