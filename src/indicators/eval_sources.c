/* eval_sources.c: which sources a plan reads and how: held whole for the run, or streamed in
 * batches to each use when every use of the source takes batches (pc_eval_each_batch), so
 * that the largest layer (the land-use parcels) never sits in memory at once. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/util.h"
#include "indicators/eval.h"
#include "indicators/kinds.h"

size_t pc_eval_batch_size(void)
{
    int n = 0;
    const char *env = getenv("PLANCHECK_BATCH");
    if (env != NULL && pc_parse_int(env, &n) == 0 && n >= 1)
        return (size_t)n;
    return PC_STREAM_BATCH;
}

/* Index of def among the plan's sources. */
static size_t index_of(const struct pc_plan *plan, const struct pc_source_def *def)
{
    return (size_t)(def - plan->sources);
}

/* What visit_uses reports a use to. */
struct uses {
    unsigned char *needed;    /* [source]: some use reads it */
    unsigned char *batchwise; /* [source]: every use so far takes batches */
};

/* One use of `def` (NULL: none); `batches` is nonzero when that use takes batches. */
static void use(const struct pc_plan *plan, struct uses *u, const struct pc_source_def *def,
                int batches)
{
    if (def == NULL)
        return;
    size_t i = index_of(plan, def);
    u->needed[i] = 1;
    if (!batches)
        u->batchwise[i] = 0;
}

/* Every use an indicator makes of the plan's sources. */
static void indicator_uses(const struct pc_plan *plan, const struct pc_indicator_def *d,
                           struct uses *u)
{
    const char *streamed = d->kind->streamed_key;
    int layer_streams = streamed != NULL && strcmp(streamed, "layer") == 0;
    int population_streams = streamed != NULL && strcmp(streamed, "population") == 0;
    use(plan, u, d->layer, layer_streams);
    use(plan, u, d->population, population_streams);
    use(plan, u, d->walk.network, 1); /* its lines are copied into the graph batch by batch */
    const struct pc_source_def *whole[] = {d->facility,
                                           d->within,
                                           d->zones,
                                           d->scope,
                                           d->with,
                                           d->boundary,
                                           d->walk.entrances,
                                           d->growth.redline,
                                           d->growth.farmland,
                                           d->growth.dev_boundary};
    for (size_t j = 0; j < sizeof whole / sizeof whole[0]; j++)
        use(plan, u, whole[j], 0);
    for (size_t j = 0; j < d->growth.n_layers; j++)
        use(plan, u, d->growth.layers[j], 0);
    for (size_t j = 0; j < d->n_near; j++)
        use(plan, u, d->near[j], 0);
}

void pc_eval_plan_sources(const struct pc_plan *plan, unsigned char *needed,
                          unsigned char *streamed)
{
    size_t n = plan->n_sources;
    struct uses u = {needed, streamed};
    memset(needed, 0, n);
    memset(streamed, 1, n);
    use(plan, &u, plan->scope, 0);  /* clipped against by everything */
    use(plan, &u, plan->extent, 0); /* the rasters' grid */
    for (size_t i = 0; i < n; i++) {
        enum pc_role role = plan->sources[i].role;
        /* a land-use layer is copied to the map and burnt into its raster batch by batch;
         * the other roles' layers are drawn from the whole (and are small) */
        if (role != PC_ROLE_NONE)
            use(plan, &u, &plan->sources[i], role == PC_ROLE_LANDUSE);
    }
    for (size_t i = 0; i < plan->n_indicators; i++)
        indicator_uses(plan, &plan->indicators[i], &u);
    for (size_t i = 0; i < n; i++)
        streamed[i] = needed[i] && streamed[i];
}

int pc_eval_each_batch(struct pc_eval *ev, const struct pc_source_def *def, pc_batch_fn fn,
                       void *data, const struct pc_progress *progress)
{
    size_t i = index_of(ev->plan, def);
    if (ev->layers[i] != NULL) { /* held whole: one batch */
        int rc = fn(ev, ev->layers[i], 0, data);
        pc_progress_report(progress, 1, NULL);
        return rc;
    }
    struct pc_layer_reader *reader = NULL;
    struct pc_layer *batch = NULL;
    struct pc_layer_stats stats = {0};
    size_t first = 0, size = pc_eval_batch_size();
    double reading = 0;
    int rc = pc_layer_open(ev->plan, def, ev->srs, ev->g, &reader);
    while (rc == PC_OK) {
        double t0 = pc_seconds();
        rc = pc_layer_reader_next(reader, size, progress, &batch);
        reading += pc_seconds() - t0;
        if (rc != PC_OK)
            break;
        pc_layer_stats_add(&stats, &batch->stats);
        if (batch->n > 0 && (rc = pc_interrupt_check()) == PC_OK)
            rc = fn(ev, batch, first, data);
        first += batch->n;
        int last = pc_layer_reader_done(reader);
        if (last && rc == PC_OK && !ev->stream_reported[i]) {
            /* the first pass over the source tells what reading it kept and skipped */
            batch->stats = stats;
            ev->stream_reported[i] = 1;
            pc_eval_report_layer(ev, batch, reading);
        }
        pc_layer_free(batch, ev->g);
        batch = NULL;
        if (last)
            break;
    }
    pc_layer_reader_close(reader);
    return rc;
}

int pc_eval_is_streamed(const struct pc_eval *ev, const struct pc_source_def *def)
{
    return ev->streamed != NULL && ev->streamed[index_of(ev->plan, def)];
}
