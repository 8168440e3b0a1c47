/* eval.c: loads the layers a plan needs, runs each indicator's kind, and turns measures into
 * result rows and zone-table columns. */
#include "indicators/eval.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "geo/network.h"
#include "core/util.h"
#include "indicators/kinds.h"

struct pc_measure pc_measure_none(void)
{
    struct pc_measure m = {NAN, NAN, NAN, NAN, NAN, NAN};
    return m;
}

int pc_eval_init(struct pc_eval *ev, const struct pc_plan *plan, struct pc_geos *g)
{
    memset(ev, 0, sizeof *ev);
    ev->plan = plan;
    ev->g = g;
    ev->layers = calloc(plan->n_sources ? plan->n_sources : 1, sizeof *ev->layers);
    return ev->layers ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
}

void pc_eval_notice(struct pc_eval *ev, int is_warning, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    if (ev->notice == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    ev->notice(is_warning, line, ev->notice_data);
}

static size_t source_index(const struct pc_plan *plan, const struct pc_source_def *def)
{
    return (size_t)(def - plan->sources);
}

struct pc_layer *pc_eval_layer(struct pc_eval *ev, const struct pc_source_def *def)
{
    return def ? ev->layers[source_index(ev->plan, def)] : NULL;
}

void pc_eval_report_layer(struct pc_eval *ev, const struct pc_layer *L, double seconds)
{
    const struct pc_layer_stats *s = &L->stats;
    char extra[512] = "";
    size_t used = 0;
    if (s->repaired)
        used += (size_t)snprintf(extra + used, sizeof extra - used, ", %zu invalid repaired",
                                 s->repaired);
    if (s->null_geometry)
        used += (size_t)snprintf(extra + used, sizeof extra - used,
                                 ", %zu without geometry skipped", s->null_geometry);
    if (s->empty)
        used +=
            (size_t)snprintf(extra + used, sizeof extra - used, ", %zu empty skipped", s->empty);
    if (s->null_population)
        used +=
            (size_t)snprintf(extra + used, sizeof extra - used, ", %zu with NULL %s counted as 0",
                             s->null_population, L->def->population);
    if (s->unmapped)
        used += (size_t)snprintf(extra + used, sizeof extra - used,
                                 ", %zu class values not in the land-use code table (e.g. '%s')",
                                 s->unmapped, s->unmapped_example);
    if (s->bad_text)
        used += (size_t)snprintf(extra + used, sizeof extra - used,
                                 ", %zu texts not UTF-8 (set 'encoding', e.g. encoding = GBK)",
                                 s->bad_text);
    if (s->kept == 0) /* every figure on it will be empty: say so where it starts */
        used += (size_t)snprintf(extra + used, sizeof extra - used,
                                 ": nothing to measure, so its figures have no value");

    char selected[256] = "";
    const struct pc_source_def *d = L->def;
    for (size_t i = 0, at = 0; i < d->n_classes && at < sizeof selected; i++)
        at += (size_t)snprintf(selected + at, sizeof selected - at, "%s%s",
                               i ? ", " : " of classes ", d->classes[i]);
    if (d->classes != NULL) {
        size_t at = strlen(selected);
        snprintf(selected + at, sizeof selected - at, " (%zu others left out)", s->not_selected);
    }
    char streamed[64] = "";
    if (pc_eval_is_streamed(ev, L->def))
        snprintf(streamed, sizeof streamed, ", streamed in batches of %zu", pc_eval_batch_size());
    pc_eval_notice(ev, extra[0] != '\0',
                   "%s <%s>: %zu features from <%s> layer <%s>%s%s%s (%.3f s)",
                   L->def->is_zones ? "zones" : "layer", L->def->name, s->kept, L->def->source,
                   L->source_layer, selected, streamed, extra, seconds);
}

/* A zone's name and its index in the layer, sorted by name by check_zone_names. */
struct zone_key {
    const char *name;
    size_t i;
};

static int by_zone_name(const void *a, const void *b)
{
    const struct zone_key *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Refuses a zone layer in which two zones share a name: their result rows and zone-table
 * rows could not be told apart. PC_OK or PC_ERR_USAGE naming the name, both features and the
 * section's `name` key. */
static int check_zone_names(const struct pc_eval *ev, const struct pc_layer *Z)
{
    if (Z->n < 2 || Z->names == NULL)
        return PC_OK;
    struct zone_key *order = malloc(Z->n * sizeof *order);
    if (order == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < Z->n; i++)
        order[i] = (struct zone_key){Z->names[i], i};
    qsort(order, Z->n, sizeof *order, by_zone_name);
    int rc = PC_OK;
    for (size_t k = 1; k < Z->n && rc == PC_OK; k++) {
        size_t a = order[k - 1].i, b = order[k].i;
        if (strcmp(Z->names[a], Z->names[b]) == 0)
            rc = pc_error(PC_ERR_USAGE,
                          "%s:%d: [zones %s]: two zones are named '%s' (features %lld and %lld "
                          "of <%s>); give each zone its own name, or their rows cannot be told "
                          "apart",
                          ev->plan->ini.path, pc_plan_key_line(Z->def->section, "name"),
                          Z->def->name, Z->names[a], Z->fids[a], Z->fids[b], Z->def->source);
    }
    free(order);
    return rc;
}

int pc_eval_load_layers(struct pc_eval *ev, OGRSpatialReferenceH plan_srs,
                        const struct pc_progress *progress)
{
    const struct pc_plan *plan = ev->plan;
    size_t n = plan->n_sources;
    unsigned char *needed = calloc(n ? n : 1, 1);
    struct pc_layer_reader **readers = calloc(n ? n : 1, sizeof *readers);
    int rc = PC_OK;
    ev->srs = plan_srs;
    ev->streamed = calloc(n ? n : 1, 1);
    ev->stream_reported = calloc(n ? n : 1, 1);
    if (needed == NULL || readers == NULL || ev->streamed == NULL || ev->stream_reported == NULL) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    pc_eval_plan_sources(plan, needed, ev->streamed);
    /* open and check every source first, so that a plan or input error shows before any
     * time is spent reading */
    size_t total = 0, done = 0;
    for (size_t i = 0; i < n && rc == PC_OK; i++)
        if (needed[i]) {
            rc = pc_layer_open(plan, &plan->sources[i], plan_srs, ev->g, &readers[i]);
            total += !ev->streamed[i];
        }
    for (size_t i = 0; i < n && rc == PC_OK; i++) {
        if (!needed[i] || ev->streamed[i])
            continue; /* a streamed source is read by each of its uses */
        struct pc_progress slice = pc_progress_slice(progress, (double)done / (double)total,
                                                     (double)(done + 1) / (double)total);
        double started = pc_seconds();
        rc = pc_layer_reader_read(readers[i], &slice, &ev->layers[i]);
        pc_layer_reader_close(readers[i]);
        readers[i] = NULL;
        if (rc == PC_OK)
            pc_eval_report_layer(ev, ev->layers[i], pc_seconds() - started);
        if (rc == PC_OK && plan->sources[i].is_zones)
            rc = check_zone_names(ev, ev->layers[i]);
        done++;
    }
done:
    for (size_t i = 0; readers != NULL && i < n; i++)
        pc_layer_reader_close(readers[i]);
    free(readers);
    free(needed);
    return rc;
}

int pc_eval_all(struct pc_eval *ev, const struct pc_progress *progress)
{
    const struct pc_plan *plan = ev->plan;
    for (size_t i = 0; i < plan->n_indicators; i++) {
        const struct pc_indicator_def *d = &plan->indicators[i];
        ev->progress = pc_progress_slice(progress, (double)i / (double)plan->n_indicators,
                                         (double)(i + 1) / (double)plan->n_indicators);
        size_t rows_before = ev->results.n;
        double started = pc_seconds();
        int rc = pc_interrupt_check();
        if (rc == PC_OK)
            rc = d->kind->evaluate(ev, d);
        if (rc != PC_OK)
            return rc;
        pc_progress_report(&ev->progress, 1, NULL);
        pc_eval_notice(ev, 0, "indicator <%s>: %zu rows in %.3f s", d->id,
                       ev->results.n - rows_before, pc_seconds() - started);
    }
    return PC_OK;
}

int pc_eval_regions(struct pc_eval *ev, const struct pc_indicator_def *def,
                    const struct pc_regions **out)
{
    *out = NULL;
    for (size_t i = 0; i < ev->n_regions; i++) {
        if (ev->regions[i].scope == def->scope && ev->regions[i].zones == def->zones) {
            *out = &ev->regions[i].regions;
            return PC_OK;
        }
    }
    if (pc_reserve((void **)&ev->regions, &ev->cap_regions, ev->n_regions + 1,
                   sizeof *ev->regions) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    struct pc_region_cache *c = &ev->regions[ev->n_regions++];
    c->scope = def->scope;
    c->zones = def->zones;
    int rc = pc_regions_build(ev->g, pc_eval_layer(ev, def->scope), pc_eval_layer(ev, def->zones),
                              &c->regions);
    if (rc != PC_OK) {
        pc_regions_free(ev->g, &c->regions); /* no half-built entry for a later indicator */
        ev->n_regions--;
        return rc;
    }
    *out = &c->regions;
    return PC_OK;
}

/* The street lines of a network layer as they are read. */
struct network_read {
    struct pc_network_lines lines;
    size_t features;
};

/* A pc_batch_fn: copies the batch's lines for the graph. */
static int collect_lines(struct pc_eval *ev, const struct pc_layer *batch, size_t first, void *data)
{
    struct network_read *read = data;
    (void)first;
    read->features += batch->n;
    return pc_network_lines_add(ev->g, &read->lines, (const GEOSGeometry *const *)batch->geoms,
                                batch->n);
}

int pc_eval_network(struct pc_eval *ev, const struct pc_source_def *layer, double snap,
                    struct pc_network **out)
{
    *out = NULL;
    for (size_t i = 0; i < ev->n_networks; i++) {
        if (ev->networks[i].layer == layer && ev->networks[i].snap == snap) {
            *out = ev->networks[i].net;
            return PC_OK;
        }
    }
    if (pc_reserve((void **)&ev->networks, &ev->cap_networks, ev->n_networks + 1,
                   sizeof *ev->networks) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    struct network_read read = {0};
    struct pc_network *net = NULL;
    int rc = pc_eval_each_batch(ev, layer, collect_lines, &read, NULL);
    if (rc != PC_OK) {
        pc_network_lines_free(ev->g, &read.lines);
        return rc;
    }
    if ((rc = pc_network_build_lines(ev->g, &read.lines, snap, &net)) != PC_OK)
        return rc;
    ev->networks[ev->n_networks++] = (struct pc_network_cache){layer, snap, net, read.features};
    *out = net;
    return PC_OK;
}

size_t pc_eval_network_features(const struct pc_eval *ev, const struct pc_source_def *layer)
{
    for (size_t i = 0; i < ev->n_networks; i++)
        if (ev->networks[i].layer == layer)
            return ev->networks[i].features;
    return 0;
}

void pc_eval_free(struct pc_eval *ev)
{
    if (ev->layers != NULL)
        for (size_t i = 0; i < ev->plan->n_sources; i++)
            pc_layer_free(ev->layers[i], ev->g);
    for (size_t i = 0; i < ev->n_regions; i++)
        pc_regions_free(ev->g, &ev->regions[i].regions);
    free(ev->regions);
    for (size_t i = 0; i < ev->n_networks; i++)
        pc_network_free(ev->networks[i].net);
    free(ev->networks);
    free(ev->layers);
    free(ev->streamed);
    free(ev->stream_reported);
    pc_results_free(&ev->results);
    pc_tables_free(&ev->tables, ev->g);
    memset(ev, 0, sizeof *ev);
}

/* Name of the table of results: no zone schema or output layer may take it. */
static const char results_table_name[] = "indicator_results";

/* Records an error for an output layer name made twice; returns NULL. */
static struct pc_table *name_taken(struct pc_eval *ev, const struct pc_ini_section *section,
                                   const char *name)
{
    pc_error(PC_ERR_USAGE, "%s:%d: output layer <%s> would be written twice: rename %s",
             ev->plan->ini.path, section->line, name,
             section->name ? section->name : section->type);
    return NULL;
}

struct pc_table *pc_eval_output_table(struct pc_eval *ev, const struct pc_indicator_def *def,
                                      const char *what)
{
    char name[160];
    snprintf(name, sizeof name, "%s_%s", def->id, what);
    if (pc_tables_find(&ev->tables, name) != NULL || strcmp(name, results_table_name) == 0)
        return name_taken(ev, def->section, name);
    struct pc_table *t = pc_table_new(name, 1);
    if (t == NULL)
        return NULL;
    t->origin = def;
    return pc_tables_add(&ev->tables, t, ev->g) == 0 ? t : NULL;
}

/* The table that carries per-region values: the zones table (one row per zone feature,
 * the zone's own geometry) or the scope table (one row, the scope). Created on first use. */
static struct pc_table *region_table(struct pc_eval *ev, const struct pc_indicator_def *def,
                                     const struct pc_regions *regions, int for_zones)
{
    const struct pc_source_def *src = for_zones ? def->zones : def->scope;
    struct pc_table *t = pc_tables_find(&ev->tables, src->name);
    if (t != NULL)
        return t->origin == src ? t : name_taken(ev, src->section, src->name);
    if (strcmp(src->name, results_table_name) == 0)
        return name_taken(ev, src->section, src->name);
    if ((t = pc_table_new(src->name, 1)) == NULL)
        return NULL;
    t->origin = src;
    int name_col = pc_table_add_column(t, "name", PC_COL_TEXT);
    if (name_col < 0 || pc_tables_add(&ev->tables, t, ev->g) != 0) {
        if (name_col < 0)
            pc_table_free(t, ev->g);
        return NULL;
    }
    const struct pc_layer *zones = for_zones ? pc_eval_layer(ev, def->zones) : NULL;
    size_t rows = for_zones ? zones->n : 1;
    for (size_t r = 0; r < rows; r++) {
        const GEOSGeometry *shape = for_zones ? zones->geoms[r] : regions->items[0].geom;
        GEOSGeometry *copy = shape ? GEOSGeom_clone_r(ev->g->h, shape) : NULL;
        if (shape != NULL && copy == NULL) {
            pc_geos_fail(ev->g, "copying a zone");
            return NULL;
        }
        long row = pc_table_add_row(t, ev->g, copy);
        if (row < 0 ||
            pc_table_set_text(t, (size_t)row, name_col, for_zones ? zones->names[r] : src->name))
            return NULL;
    }
    return t;
}

/* Sets column `name` (created REAL or TEXT on first use) of row `row` of t. */
static int set_column(struct pc_table *t, size_t row, const char *name, double real,
                      const char *text)
{
    int col = pc_table_find_column(t, name);
    if (col < 0)
        col = pc_table_add_column(t, name, text ? PC_COL_TEXT : PC_COL_REAL);
    if (col < 0)
        return PC_ERR_RUN;
    if (text != NULL)
        return pc_table_set_text(t, row, col, text) ? PC_ERR_RUN : PC_OK;
    pc_table_set_real(t, row, col, real);
    return PC_OK;
}

/* Writes one result into its region table: columns COLUMN, COLUMN_pop, and ID_status for a
 * judged row. */
static int write_region_columns(struct pc_eval *ev, const struct pc_indicator_def *def,
                                const struct pc_regions *regions, size_t i,
                                const struct pc_result *r, const char *column)
{
    int for_zones = i > 0;
    if (!for_zones && def->scope == NULL)
        return PC_OK; /* no scope geometry to carry the value */
    struct pc_table *t = region_table(ev, def, regions, for_zones);
    if (t == NULL)
        return pc_error_code();
    size_t row = for_zones ? regions->items[i].zone_row : 0;
    char name[160];
    int rc = set_column(t, row, column, r->value, NULL);
    if (rc == PC_OK && !isnan(r->pop_value)) {
        snprintf(name, sizeof name, "%s_pop", column);
        rc = set_column(t, row, name, r->pop_value, NULL);
    }
    if (rc == PC_OK && (r->measure == NULL || r->target != NULL)) {
        snprintf(name, sizeof name, "%s_status", def->id);
        rc = set_column(t, row, name, 0, pc_verdict_name(r->status));
    }
    return rc;
}

int pc_eval_add_result(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, size_t i, const struct pc_result *r,
                       const char *column)
{
    int rc = pc_results_add(&ev->results, r);
    if (rc == PC_OK && column != NULL && (i > 0 ? def->zones != NULL : 1))
        rc = write_region_columns(ev, def, regions, i, r, column);
    return rc;
}

int pc_eval_emit(struct pc_eval *ev, const struct pc_indicator_def *def,
                 const struct pc_regions *regions, size_t i, const struct pc_measure *m)
{
    struct pc_result r = {
        .def = def,
        .zone = (char *)regions->items[i].zone,
        .value = m->value,
        .unit = def->target.set ? def->target.unit : def->kind->default_unit,
        .numerator = m->numerator,
        .denominator = m->denominator,
        .pop_value = m->pop_value,
        .pop_numerator = m->pop_numerator,
        .pop_denominator = m->pop_denominator,
    };
    if (def->kind->family == PC_FAMILY_AREA)
        r.value = m->value / pc_unit_m2(r.unit);
    /* a %, per-capita or density target holds in every zone; an area or count target is the
     * scope's total, which no single zone is expected to reach */
    enum pc_unit_family family = def->kind->family;
    int intensive = family == PC_FAMILY_PERCENT || family == PC_FAMILY_PER_CAPITA ||
                    family == PC_FAMILY_DENSITY;
    int judged = def->target.set && (i == 0 || intensive);
    r.target = judged ? &def->target : NULL;
    r.status = judged ? pc_target_check(&def->target, r.value) : PC_STATUS_NONE;
    return pc_eval_add_result(ev, def, regions, i, &r, def->id);
}
