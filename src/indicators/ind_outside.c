/* ind_outside.c: kind `outside`, the area of a layer outside a boundary layer (construction
 * outside the urban development boundary). The boundary is dissolved and prepared once;
 * each feature is kept whole when wholly outside, skipped when inside, and cut otherwise;
 * each polygon left is a piece carrying the feature's attributes. */
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/conflict.h"

/* The part of feature geom outside the prepared boundary, into ps. */
static int outside_part(struct pc_geos *g, const GEOSGeometry *geom, size_t i,
                        const GEOSGeometry *boundary, const GEOSPreparedGeometry *prep,
                        double sliver, struct pc_pieces *ps)
{
    enum pc_relation rel;
    int rc = pc_geom_relate(g, prep, geom, &rel);
    GEOSGeometry *piece = NULL;
    if (rc != PC_OK || rel == PC_REL_INSIDE)
        return rc;
    if (rel == PC_REL_OUTSIDE) {
        if ((piece = GEOSGeom_clone_r(g->h, geom)) == NULL)
            return pc_geos_fail(g, "copying a feature");
    } else if ((rc = pc_geom_difference_polygons(g, geom, boundary, &piece)) || piece == NULL) {
        return rc;
    }
    return pc_pieces_add(g, ps, piece, i, PC_NO_FEATURE, sliver);
}

int pc_eval_outside(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct pc_geos *g = ev->g;
    const struct pc_regions *regions = NULL;
    struct pc_layer *A = pc_eval_layer(ev, def->layer);
    char msg[256];
    snprintf(msg, sizeof msg, "%s: <%s> outside <%s>", def->id, def->layer->name,
             def->boundary->name);
    pc_progress_report(&ev->progress, 0, msg);
    const GEOSGeometry *boundary = pc_layer_dissolved(pc_eval_layer(ev, def->boundary), g);
    int rc = boundary ? pc_eval_regions(ev, def, &regions) : PC_ERR_RUN;
    const GEOSPreparedGeometry *prep = rc == PC_OK ? GEOSPrepare_r(g->h, boundary) : NULL;
    if (rc == PC_OK && prep == NULL)
        rc = pc_geos_fail(g, "preparing the boundary");
    struct pc_pieces ps = {0};
    const struct pc_region *scope = regions ? &regions->items[0] : NULL;
    for (size_t i = 0; rc == PC_OK && i < A->n; i++) {
        int skip = 0;
        if ((rc = pc_conflict_skip(g, scope, A->geoms[i], &skip)) || skip)
            continue;
        rc = outside_part(g, A->geoms[i], i, boundary, prep, def->sliver, &ps);
        if (i % 1000 == 0)
            pc_progress_report(&ev->progress, 0.8 * (double)i / (double)A->n, NULL);
    }
    if (prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, prep);
    if (rc == PC_OK)
        return pc_conflict_report(ev, def, regions, &ps, A, NULL, "outside");
    pc_pieces_free(g, &ps);
    return rc;
}
