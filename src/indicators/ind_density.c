/* ind_density.c: kind `density`, the length of a line layer per area in km/km2 (road network
 * density): the length of the lines inside the base area ÷ the base area, where the base is
 * the `within` layer inside the region (e.g. the built-up area), or the region itself.
 * Overlapping lines count as often as they are drawn. */
#include <math.h>
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/subdivide.h"
#include "indicators/base_ratio.h"

static int is_line(struct pc_geos *g, const GEOSGeometry *geom)
{
    int t = GEOSGeomTypeId_r(g->h, geom);
    return t == GEOS_LINESTRING || t == GEOS_MULTILINESTRING;
}

/* Length in metres of the lines of layer L (struct pc_layer) inside base. Lines wholly
 * inside or outside take a prepared predicate; a line across the edge is cut by the pieces of
 * base near it (subdivide.h), since cutting it by a city-sized base costs time in the base's
 * size for every line. */
static int length_inside(struct pc_geos *g, const GEOSGeometry *base, void *data, double *length)
{
    const struct pc_layer *L = data;
    const GEOSPreparedGeometry *prep = base ? GEOSPrepare_r(g->h, base) : NULL;
    if (base != NULL && prep == NULL)
        return pc_geos_fail(g, "preparing an area");
    struct pc_subdivided *pieces = NULL;
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
            if (pieces == NULL && (pieces = pc_subdivide(g, base)) == NULL) {
                rc = PC_ERR_RUN;
                break;
            }
            if ((rc = pc_subdivided_length(g, pieces, line, &part)) != PC_OK)
                break;
        }
        *length += part;
    }
    if (prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, prep);
    pc_subdivided_free(g, pieces);
    return rc;
}

int pc_eval_density(struct pc_eval *ev, const struct pc_indicator_def *def)
{
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
    /* km per km2 from m per m2 */
    return pc_eval_base_ratio(ev, def, length_inside, (void *)L, 1000.0);
}
