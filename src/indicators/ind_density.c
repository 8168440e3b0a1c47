/* ind_density.c: kind `density`, the length of a line layer per area in km/km2 (road network
 * density): the length of the lines inside the base area ÷ the base area, where the base is
 * the `within` layer inside the region (e.g. the built-up area), or the region itself.
 * Overlapping lines count as often as they are drawn. */
#include <math.h>
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

static int is_line(struct pc_geos *g, const GEOSGeometry *geom)
{
    int t = GEOSGeomTypeId_r(g->h, geom);
    return t == GEOS_LINESTRING || t == GEOS_MULTILINESTRING;
}

/* Length in metres of the lines of L inside base (NULL: everything). */
static int length_inside(struct pc_geos *g, const struct pc_layer *L, const GEOSGeometry *base,
                         double *length)
{
    const GEOSPreparedGeometry *prep = base ? GEOSPrepare_r(g->h, base) : NULL;
    if (base != NULL && prep == NULL)
        return pc_geos_fail(g, "preparing an area");
    int rc = PC_OK;
    *length = 0;
    for (size_t i = 0; rc == PC_OK && i < L->n; i++) {
        const GEOSGeometry *line = L->geoms[i];
        double part = 0;
        if (!is_line(g, line))
            continue;
        enum pc_relation rel = PC_REL_INSIDE;
        if (prep != NULL && (rc = pc_geom_relate(g, prep, line, &rel)))
            break;
        if (rel == PC_REL_INSIDE) {
            GEOSLength_r(g->h, line, &part);
        } else if (rel == PC_REL_PARTIAL) {
            GEOSGeometry *cut = GEOSIntersection_r(g->h, line, base);
            if (cut == NULL) {
                rc = pc_geos_fail(g, "cutting a line to an area");
                break;
            }
            GEOSLength_r(g->h, cut, &part);
            GEOSGeom_destroy_r(g->h, cut);
        }
        *length += part;
    }
    if (prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, prep);
    return rc;
}

/* The base area of region r: *owned is new, or *borrowed is the region or the within
 * layer; both NULL when the region has no base. */
static int region_base(struct pc_geos *g, const GEOSGeometry *within, const struct pc_region *r,
                       GEOSGeometry **owned, const GEOSGeometry **borrowed)
{
    *owned = NULL;
    *borrowed = NULL;
    if (within == NULL)
        *borrowed = r->geom;
    else if (r->unbounded)
        *borrowed = within;
    else if (r->geom != NULL)
        return pc_geom_intersect_polygons(g, within, r->geom, owned);
    return PC_OK;
}

int pc_eval_density(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    const struct pc_layer *L = pc_eval_layer(ev, def->layer);
    char msg[256];
    snprintf(msg, sizeof msg, "%s: length of <%s> per area", def->id, def->layer->name);
    pc_progress_report(&ev->progress, 0, msg);
    size_t lines = 0;
    for (size_t i = 0; i < L->n; i++)
        lines += (size_t)is_line(g, L->geoms[i]);
    if (lines == 0 && L->n > 0)
        return pc_error(PC_ERR_USAGE,
                        "%s:%d: [indicator %s]: layer <%s> has no lines to measure: a density "
                        "indicator needs a line layer (roads)",
                        ev->plan->ini.path, pc_plan_key_line(def->section, "layer"), def->id,
                        def->layer->name);
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
        rc = region_base(g, within, &regions->items[i], &owned, &base);
        if (owned != NULL)
            base = owned;
        if (rc == PC_OK && (base != NULL || !regions->items[i].unbounded)) {
            m.denominator = base ? pc_geom_area(g, base) : 0.0;
            m.numerator = 0;
            if (base != NULL)
                rc = length_inside(g, L, base, &m.numerator);
            if (m.denominator > 0)
                m.value = (m.numerator / 1000.0) / (m.denominator / 1e6);
        }
        if (owned != NULL)
            GEOSGeom_destroy_r(g->h, owned);
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}
