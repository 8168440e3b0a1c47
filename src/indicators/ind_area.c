/* ind_area.c: kind `area`, the area of a layer (its dissolved polygons, so overlaps count
 * once) inside the scope and each zone. */
#include <stdio.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

int pc_eval_area(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    const struct pc_regions *regions = NULL;
    struct pc_geos *g = ev->g;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: area of <%s>", def->id, def->layer->name);
    pc_progress_report(&ev->progress, 0, msg);

    const GEOSGeometry *layer = pc_layer_dissolved(pc_eval_layer(ev, def->layer), g);
    int rc = layer ? pc_eval_regions(ev, def, &regions) : PC_ERR_RUN;
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++) {
        const struct pc_region *r = &regions->items[i];
        struct pc_measure m = pc_measure_none();
        rc = pc_region_clip(g, r, layer, &m.value, NULL);
        m.numerator = m.value;
        if (rc == PC_OK)
            rc = pc_eval_emit(ev, def, regions, i, &m);
        pc_progress_report(&ev->progress, (double)(i + 1) / (double)regions->n, NULL);
    }
    return rc;
}
