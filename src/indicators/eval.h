/* eval.h: evaluating a plan's indicators over loaded layers into result rows and tables. */
#ifndef PC_EVAL_H
#define PC_EVAL_H

#include <ogr_srs_api.h>

#include "core/progress.h"
#include "core/table.h"
#include "indicators/region.h"
#include "indicators/result.h"
#include "io/layer_read.h"
#include "plan/plan.h"

/* Receives one line of information for the user: routine (is_warning 0: what was read and
 * written) or a warning about the data (features repaired or skipped). */
typedef void (*pc_notice_fn)(int is_warning, const char *line, void *data);

/* Regions of one (scope, zones) pair, built once and shared by the indicators using it. */
struct pc_region_cache {
    const struct pc_source_def *scope, *zones; /* the pair; either may be NULL */
    struct pc_regions regions;
};

struct pc_network; /* geo/network.h */

/* The walking graph of one (network layer, snap tolerance) pair, built once and shared by the
 * walking indicators using it (each runs its own passes on it, one after the other). */
struct pc_network_cache {
    const struct pc_source_def *layer;
    double snap;
    struct pc_network *net; /* owned */
    size_t features;        /* features read from the layer */
};

/* Features per batch of a streamed source (PLANCHECK_BATCH overrides it): a batch of
 * 3调-sized parcels holds a few megabytes of geometry, and one batch is large enough that the
 * per-batch costs (a transaction, a raster pass) vanish against the features' own. */
#define PC_STREAM_BATCH 16384

struct pc_eval {
    const struct pc_plan *plan;     /* borrowed */
    struct pc_geos *g;              /* borrowed: the calling thread's context */
    OGRSpatialReferenceH srs;       /* borrowed: the plan's CRS, for streamed sources */
    struct pc_layer **layers;       /* owned; parallel to plan->sources, NULL if unused or
                                       streamed */
    unsigned char *streamed;        /* owned; [source] 1: read in batches by each use */
    unsigned char *stream_reported; /* owned; [source] 1: its counts have been reported */
    struct pc_results results;      /* every result row, in plan order */
    struct pc_tables tables;        /* geometry layers and zone tables for the writers */
    size_t n_regions, cap_regions;
    struct pc_region_cache *regions; /* owned; see pc_eval_regions */
    size_t n_networks, cap_networks;
    struct pc_network_cache *networks; /* owned; see pc_eval_network */
    struct pc_progress progress;       /* the current stage's slice */
    pc_notice_fn notice;               /* may be NULL */
    void *notice_data;
};

/* What a kind measured in one region, in base units: % for percent kinds, m2 for areas. */
struct pc_measure {
    double value;     /* NaN when undefined (nothing to measure in the region) */
    double numerator; /* NaN when not applicable */
    double denominator;
    double pop_value; /* NaN without population */
    double pop_numerator;
    double pop_denominator;
};

/* A measure with every field NaN. */
struct pc_measure pc_measure_none(void);

/* Sets up *ev (zeroed first) for `plan`, using context g. Returns PC_OK or PC_ERR_RUN. */
int pc_eval_init(struct pc_eval *ev, const struct pc_plan *plan, struct pc_geos *g);

/* Opens and checks every source some indicator, the plan's scope or extent refers to, and
 * every source with a map role; reads those not streamed (pc_eval_plan_sources) whole, in
 * plan order, and reports each layer's feature counts through ev->notice (a streamed
 * source's after its first pass). plan_srs is borrowed for the run. Errors as
 * pc_layer_open() and pc_layer_reader_read(). */
int pc_eval_load_layers(struct pc_eval *ev, OGRSpatialReferenceH plan_srs,
                        const struct pc_progress *progress);

/* Features per batch of a streamed source: PLANCHECK_BATCH when it is a whole number of
 * at least 1, else PC_STREAM_BATCH. */
size_t pc_eval_batch_size(void);

/* Marks needed[i] for every source the plan's scope, extent, an indicator or a map role
 * uses, and streamed[i] for those of them whose every use takes batches (the `streamed_key`
 * of a kind, the land-use map layer and raster). Both arrays have plan->n_sources bytes. */
void pc_eval_plan_sources(const struct pc_plan *plan, unsigned char *needed,
                          unsigned char *streamed);

/* Nonzero if source def is streamed: pc_eval_layer() gives NULL for it, pc_eval_each_batch
 * reads it. */
int pc_eval_is_streamed(const struct pc_eval *ev, const struct pc_source_def *def);

/* Receives the features of a source batch by batch, in source order: `batch` is borrowed for
 * the call, `first` the index of its first feature in the whole source. Returns PC_OK, or an
 * error that ends the pass. */
typedef int (*pc_batch_fn)(struct pc_eval *ev, const struct pc_layer *batch, size_t first,
                           void *data);

/* Calls fn on the features of source def: the whole layer in one call when it is held,
 * else batches of pc_eval_batch_size() read afresh from the source (each freed after its
 * call). Progress (may be NULL) follows the reading. Returns PC_OK, the first error of fn,
 * or a reading error as pc_layer_reader_next(). */
int pc_eval_each_batch(struct pc_eval *ev, const struct pc_source_def *def, pc_batch_fn fn,
                       void *data, const struct pc_progress *progress);

/* Reports one line on what reading layer L kept and skipped, taking `seconds`. */
void pc_eval_report_layer(struct pc_eval *ev, const struct pc_layer *L, double seconds);

/* Evaluates every indicator in plan order. Returns PC_OK or the first error. */
int pc_eval_all(struct pc_eval *ev, const struct pc_progress *progress);

/* Frees layers, results and tables; the plan and context stay the caller's. */
void pc_eval_free(struct pc_eval *ev);

/* The loaded layer of source def (borrowed; never NULL after pc_eval_load_layers, except
 * for a streamed source: see pc_eval_each_batch). */
struct pc_layer *pc_eval_layer(struct pc_eval *ev, const struct pc_source_def *def);

/* The regions of indicator def: [0] its scope, then each zone clipped to the scope. Built on
 * first use for each (scope, zones) pair and kept by ev (borrowed; valid until
 * pc_eval_free). Returns PC_OK or PC_ERR_RUN. */
int pc_eval_regions(struct pc_eval *ev, const struct pc_indicator_def *def,
                    const struct pc_regions **out);

/* Emits the result row of indicator def in regions->items[i] from measure m, converting
 * area values to the reported unit and judging the target; also writes the value into the
 * zone or scope table. Returns PC_OK or PC_ERR_RUN. */
int pc_eval_emit(struct pc_eval *ev, const struct pc_indicator_def *def,
                 const struct pc_regions *regions, size_t i, const struct pc_measure *m);

/* Adds result row r (copied) of indicator def in regions->items[i], and with column != NULL
 * writes its value into the zone or scope table as column `column` (plus `column`_pop, and
 * ID_status for a judged row). Returns PC_OK or PC_ERR_RUN. */
int pc_eval_add_result(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, size_t i, const struct pc_result *r,
                       const char *column);

/* A new output table named "<def->id>_<what>" (with a polygon geometry), owned by
 * ev->tables; NULL with pc_error() if that name is taken or on out of memory. */
struct pc_table *pc_eval_output_table(struct pc_eval *ev, const struct pc_indicator_def *def,
                                      const char *what);

/* The walking graph of `layer`'s lines with dangling ends joined within `snap` metres, built on
 * first use for each pair from the layer's batches (pc_eval_each_batch: a streamed layer is
 * never held) and kept by ev (borrowed; valid until pc_eval_free). Its sources and costs are
 * the caller's to reset (pc_network_clear). Errors as pc_network_build() and reading. */
int pc_eval_network(struct pc_eval *ev, const struct pc_source_def *layer, double snap,
                    struct pc_network **out);

/* Features read from `layer` for its walking graph (0 before it is built). */
size_t pc_eval_network_features(const struct pc_eval *ev, const struct pc_source_def *layer);

/* Reports a one-line notice to the user, printf-style. */
void pc_eval_notice(struct pc_eval *ev, int is_warning, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The kinds (ind_<kind>.c): each computes its rows for the scope and every zone. */
int pc_eval_coverage(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_area(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_share(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_growth(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_overlap(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_outside(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_structure(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_per_capita(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_density(struct pc_eval *ev, const struct pc_indicator_def *def);
int pc_eval_count(struct pc_eval *ev, const struct pc_indicator_def *def);

#endif
