/* ind_density.c: kind `density`, the length of a line layer per area in km/km2 (road network
 * density): the length of the lines inside the base area ÷ the base area, where the base is
 * the `within` layer inside the region (e.g. the built-up area), or the region itself.
 * Overlapping lines count as often as they are drawn. The lines are read batch by batch and
 * measured against every region's base (base_ratio.h), so the layer can be streamed. */
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

/* The lines of the layer seen in the pass, for the error on a layer without any. */
struct line_count {
    struct pc_eval *ev;
    const struct pc_indicator_def *def;
    size_t features, lines;
};

/* Adds the length in metres of the lines of L inside base b to b->sum. Lines wholly inside
 * or outside take a prepared predicate; a line across the edge is cut by the pieces of base
 * near it (subdivide.h), since cutting it by a city-sized base costs time in the base's size
 * for every line. */
static int length_inside(struct pc_geos *g, struct pc_base *b, const struct pc_layer *L)
{
    for (size_t i = 0; i < L->n; i++) {
        const GEOSGeometry *line = L->geoms[i];
        double part = 0;
        if (!is_line(g, line))
            continue;
        enum pc_relation rel;
        int rc = pc_geom_relate(g, b->prep, line, &rel);
        if (rc != PC_OK)
            return rc;
        if (rel == PC_REL_INSIDE) {
            GEOSLength_r(g->h, line, &part);
        } else if (rel == PC_REL_PARTIAL) {
            if (b->pieces == NULL && (b->pieces = pc_subdivide(g, b->geom)) == NULL)
                return PC_ERR_RUN;
            if ((rc = pc_subdivided_length(g, b->pieces, line, &part)) != PC_OK)
                return rc;
        }
        b->sum += part;
    }
    return PC_OK;
}

/* A pc_base_batch_fn: counts the batch's lines, then measures them in every base. */
static int length_batch(struct pc_geos *g, struct pc_base *bases, size_t n,
                        const struct pc_layer *L, void *data)
{
    struct line_count *count = data;
    count->features += L->n;
    for (size_t i = 0; i < L->n; i++)
        count->lines += (size_t)is_line(g, L->geoms[i]);
    int rc = PC_OK;
    for (size_t k = 0; k < n && rc == PC_OK; k++)
        if (bases[k].geom != NULL)
            rc = length_inside(g, &bases[k], L);
    return rc;
}

/* After the pass: a layer with features but no lines is the wrong layer. */
static int refuse_no_lines(void *data)
{
    struct line_count *count = data;
    if (count->lines > 0 || count->features == 0)
        return PC_OK;
    return pc_error(PC_ERR_USAGE,
                    "%s:%d: [indicator %s]: layer <%s> has no lines to measure: a density "
                    "indicator needs a line layer (roads)",
                    count->ev->plan->ini.path, pc_plan_key_line(count->def->section, "layer"),
                    count->def->id, count->def->layer->name);
}

int pc_eval_density(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: length of <%s> per area", def->id, def->layer->name);
    pc_progress_report(&ev->progress, 0, msg);
    struct line_count count = {ev, def, 0, 0};
    /* km per km2 from m per m2 */
    return pc_eval_base_ratio_batches(ev, def, length_batch, refuse_no_lines, &count, 1000.0);
}
