/* base_ratio.c: the loop kinds share that measure something per unit of a base area (share:
 * covered area ÷ base area; density: line length ÷ base area), where the base is the `within`
 * layer inside each region, or the region itself. */
#include "indicators/base_ratio.h"

#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"

/* The dissolved `within` layer of def (borrowed; NULL without one) into *within. */
static int within_of(struct pc_eval *ev, const struct pc_indicator_def *def,
                     const GEOSGeometry **within)
{
    *within = NULL;
    if (def->within != NULL &&
        (*within = pc_layer_dissolved(pc_eval_layer(ev, def->within), ev->g)) == NULL)
        return PC_ERR_RUN;
    return PC_OK;
}

/* The base of region r into *b (zeroed first): its geometry, whether it is measured at all
 * (*measured 0: an unbounded scope without `within`, whose row stays undefined). */
static int base_of(struct pc_geos *g, const GEOSGeometry *within, const struct pc_region *r,
                   struct pc_base *b, int *measured)
{
    *b = (struct pc_base){0};
    int rc = pc_region_base(g, within, r, &b->owned, &b->geom);
    if (b->owned != NULL)
        b->geom = b->owned;
    *measured = rc == PC_OK && (b->geom != NULL || !r->unbounded);
    if (b->geom != NULL)
        b->area = pc_geom_area(g, b->geom);
    return rc;
}

static void base_free(struct pc_geos *g, struct pc_base *b)
{
    if (b->prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, b->prep);
    pc_subdivided_free(g, b->pieces);
    if (b->owned != NULL)
        GEOSGeom_destroy_r(g->h, b->owned);
    *b = (struct pc_base){0};
}

/* The row of a measured region: scale × sum ÷ area, NaN without base area. */
static struct pc_measure ratio(const struct pc_base *b, int measured, double scale)
{
    struct pc_measure m = pc_measure_none();
    if (!measured)
        return m;
    m.denominator = b->area;
    m.numerator = b->sum;
    if (m.denominator > 0)
        m.value = scale * m.numerator / m.denominator;
    return m;
}

int pc_eval_base_ratio(struct pc_eval *ev, const struct pc_indicator_def *def,
                       pc_base_measure_fn measure, void *data, double scale)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    const GEOSGeometry *within = NULL;
    int rc = within_of(ev, def, &within);
    if (rc == PC_OK)
        rc = pc_eval_regions(ev, def, &regions);
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        struct pc_base b;
        int measured;
        rc = base_of(g, within, &regions->items[i], &b, &measured);
        if (rc == PC_OK && measured && b.geom != NULL)
            rc = measure(g, b.geom, data, &b.sum);
        struct pc_measure m = ratio(&b, measured, scale);
        base_free(g, &b);
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}

/* What each_base measures with. */
struct batch_pass {
    struct pc_base *bases;
    size_t n;
    pc_base_batch_fn measure;
    void *data;
};

/* A pc_batch_fn: the batch against every region's base. */
static int each_base(struct pc_eval *ev, const struct pc_layer *batch, size_t first, void *data)
{
    struct batch_pass *p = data;
    (void)first;
    return p->measure(ev->g, p->bases, p->n, batch, p->data);
}

int pc_eval_base_ratio_batches(struct pc_eval *ev, const struct pc_indicator_def *def,
                               pc_base_batch_fn measure, int (*after)(void *data), void *data,
                               double scale)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    const GEOSGeometry *within = NULL;
    struct batch_pass pass = {NULL, 0, measure, data};
    int *measured = NULL;
    int rc = within_of(ev, def, &within);
    if (rc == PC_OK)
        rc = pc_eval_regions(ev, def, &regions);
    if (rc == PC_OK) {
        pass.bases = calloc(regions->n, sizeof *pass.bases);
        measured = calloc(regions->n, sizeof *measured);
        if (pass.bases == NULL || measured == NULL)
            rc = pc_error(PC_ERR_RUN, "out of memory");
    }
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++, pass.n++) {
        struct pc_base *b = &pass.bases[i];
        rc = base_of(g, within, &regions->items[i], b, &measured[i]);
        if (rc == PC_OK && b->geom != NULL && (b->prep = GEOSPrepare_r(g->h, b->geom)) == NULL)
            rc = pc_geos_fail(g, "preparing an area");
    }
    struct pc_progress reading = pc_progress_slice(&ev->progress, 0.0, 0.9);
    if (rc == PC_OK)
        rc = pc_eval_each_batch(ev, def->layer, each_base, &pass, &reading);
    if (rc == PC_OK && after != NULL)
        rc = after(data);
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        struct pc_measure m = ratio(&pass.bases[i], measured[i], scale);
        rc = pc_eval_emit(ev, def, regions, i, &m);
    }
    for (size_t i = 0; i < pass.n; i++)
        base_free(g, &pass.bases[i]);
    free(pass.bases);
    free(measured);
    return rc;
}
