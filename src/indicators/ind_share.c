/* ind_share.c: kind `share`, the % of a base area covered by a layer: the base is the
 * `within` layer inside each region, or the region itself. Both layers are dissolved first,
 * so overlapping features count once. */
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/base_ratio.h"

/* The covered area: the layer's dissolved polygons inside the base. */
static int covered_area(struct pc_geos *g, const GEOSGeometry *base, void *layer, double *out)
{
    return pc_geom_intersection_area(g, layer, base, out);
}

int pc_eval_share(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s: share of <%s>%s%s", def->id, def->layer->name,
             def->within ? " within " : "", def->within ? def->within->name : "");
    pc_progress_report(&ev->progress, 0, msg);
    const GEOSGeometry *layer = pc_layer_dissolved(pc_eval_layer(ev, def->layer), ev->g);
    if (layer == NULL)
        return PC_ERR_RUN;
    return pc_eval_base_ratio(ev, def, covered_area, (void *)layer, 100.0);
}
