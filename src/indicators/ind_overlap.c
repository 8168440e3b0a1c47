/* ind_overlap.c: kind `overlap`, the area of a layer inside another (construction land
 * inside the ecological red line or on permanent farmland). Every feature of `layer` is
 * intersected with the features of `with` its envelope meets (an STRtree over `with`);
 * each polygon of each intersection is a piece carrying both features' attributes. */
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/hits.h"
#include "indicators/conflict.h"

/* Intersects feature i of A with its candidates in B, adding the pieces. */
static int intersect_feature(struct pc_geos *g, const struct pc_layer *A, size_t i,
                             const struct pc_layer *B, const struct pc_hits *c, double sliver,
                             struct pc_pieces *ps)
{
    int rc = PC_OK;
    for (size_t k = 0; rc == PC_OK && k < c->n; k++) {
        GEOSGeometry *piece = NULL;
        rc = pc_geom_intersect_polygons(g, A->geoms[i], B->geoms[c->items[k]], &piece);
        if (rc == PC_OK && piece != NULL)
            rc = pc_pieces_add(g, ps, piece, i, c->items[k], sliver);
    }
    return rc;
}

int pc_eval_overlap(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct pc_geos *g = ev->g;
    const struct pc_regions *regions = NULL;
    struct pc_layer *A = pc_eval_layer(ev, def->layer), *B = pc_eval_layer(ev, def->with);
    char msg[256];
    snprintf(msg, sizeof msg, "%s: <%s> inside <%s>", def->id, def->layer->name, def->with->name);
    pc_progress_report(&ev->progress, 0, msg);
    int rc = pc_eval_regions(ev, def, &regions);
    GEOSSTRtree *tree = rc == PC_OK ? GEOSSTRtree_create_r(g->h, 10) : NULL;
    if (rc == PC_OK && tree == NULL)
        rc = pc_geos_fail(g, "creating an index");
    for (size_t j = 0; rc == PC_OK && j < B->n; j++)
        if (pc_geom_is_polygonal(g, B->geoms[j]))
            GEOSSTRtree_insert_r(g->h, tree, B->geoms[j], pc_hits_item(j));
    struct pc_pieces ps = {0};
    struct pc_hits c = {0};
    const struct pc_region *scope = regions ? &regions->items[0] : NULL;
    for (size_t i = 0; rc == PC_OK && i < A->n; i++) {
        int skip = 0;
        if ((rc = pc_conflict_skip(g, scope, A->geoms[i], &skip)) || skip)
            continue;
        c.n = 0;
        GEOSSTRtree_query_r(g->h, tree, A->geoms[i], pc_hits_collect, &c);
        rc = c.failed ? pc_error(PC_ERR_RUN, "out of memory")
                      : intersect_feature(g, A, i, B, &c, def->sliver, &ps);
        if (i % 1000 == 0)
            pc_progress_report(&ev->progress, 0.8 * (double)i / (double)A->n, NULL);
    }
    pc_hits_free(&c);
    if (tree != NULL)
        GEOSSTRtree_destroy_r(g->h, tree);
    if (rc == PC_OK)
        return pc_conflict_report(ev, def, regions, &ps, A, B, "conflicts");
    pc_pieces_free(g, &ps);
    return rc;
}
