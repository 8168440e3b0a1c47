/* out_report.c: the readable results for stdout: one aligned table of every indicator (zones
 * indented under their scope row), a block of pivot tables per growth indicator, and the
 * citations. */
#include "io/out_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "indicators/eval.h"
#include "indicators/kinds.h"
#include "io/text_grid.h"

enum { C_INDICATOR, C_ZONE, C_MEASURE, C_VALUE, C_UNIT, C_POP, C_TARGET, C_STATUS, N_COLUMNS };

static const char *const headers[N_COLUMNS] = {"INDICATOR", "ZONE",  "MEASURE", "VALUE",
                                               "UNIT",      "POP %", "TARGET",  "STATUS"};

/* A value as the report prints it: 2 decimals, "-" for undefined. */
static int set_number(struct pc_text_grid *t, size_t row, size_t col, double v)
{
    return isnan(v) ? pc_text_grid_set(t, row, col, "-") : pc_text_grid_set(t, row, col, "%.2f", v);
}

/* A value as its unit deserves: counts without decimals. */
static int set_value(struct pc_text_grid *t, size_t row, size_t col, const struct pc_result *r)
{
    if (r->unit == PC_UNIT_COUNT && !isnan(r->value))
        return pc_text_grid_set(t, row, col, "%.0f", r->value);
    return set_number(t, row, col, r->value);
}

/* Nonzero if result r is the row group of its indicator shown in the main table: every row
 * of a one-figure kind; for a growth indicator, the measure and period its target judges. */
static int in_main_table(const struct pc_result *r)
{
    if (r->measure == NULL)
        return 1;
    if (r->def->check_class != NULL) /* structure: the class its target judges */
        return r->measure == r->def->check_class;
    if (r->def->kind->evaluate != pc_eval_growth)
        return 0;
    const struct pc_growth_def *gd = &r->def->growth;
    return strcmp(r->measure, pc_growth_measure_name(gd->check)) == 0 && r->from == gd->from &&
           r->to == gd->to;
}

/* Fills one row of the main table from r. */
static int fill_main_row(struct pc_text_grid *t, size_t row, const struct pc_result *r)
{
    char period[32];
    int rc = 0;
    rc |= pc_text_grid_set(t, row, C_INDICATOR, "%s", r->zone ? "" : r->def->id);
    rc |= r->zone ? pc_text_grid_set(t, row, C_ZONE, "  %s", r->zone)
                  : pc_text_grid_set(t, row, C_ZONE, "%s", pc_result_scope_label(r));
    if (r->measure != NULL && pc_result_period(r, period, sizeof period))
        rc |= pc_text_grid_set(t, row, C_MEASURE, "%s %s", r->measure, period);
    else if (r->measure != NULL)
        rc |= pc_text_grid_set(t, row, C_MEASURE, "%s", r->measure);
    rc |= set_value(t, row, C_VALUE, r);
    rc |= pc_text_grid_set(t, row, C_UNIT, "%s", pc_unit_name(r->unit));
    if (!isnan(r->pop_denominator))
        rc |= set_number(t, row, C_POP, r->pop_value);
    if (r->target != NULL)
        rc |= pc_text_grid_set(t, row, C_TARGET, "%s %g %s", pc_cmp_name(r->target->op),
                               r->target->value, pc_unit_name(r->target->unit));
    rc |= pc_text_grid_set(t, row, C_STATUS, "%s", pc_verdict_name(r->status));
    return rc;
}

static int write_main_table(FILE *out, const struct pc_results *rs)
{
    struct pc_text_grid *t = pc_text_grid_new(N_COLUMNS, headers);
    if (t == NULL)
        return -1;
    t->right[C_VALUE] = t->right[C_POP] = 1;
    int any_pop = 0, any_measure = 0, rc = 0;
    for (size_t i = 0; rc == 0 && i < rs->n; i++) {
        const struct pc_result *r = &rs->rows[i];
        if (!in_main_table(r))
            continue;
        any_pop |= !isnan(r->pop_denominator);
        any_measure |= r->measure != NULL;
        long row = pc_text_grid_add_row(t);
        rc = row < 0 ? -1 : fill_main_row(t, (size_t)row, r);
    }
    t->shown[C_POP] = (unsigned char)any_pop;
    t->shown[C_MEASURE] = (unsigned char)any_measure;
    if (rc == 0)
        rc = pc_text_grid_print(t, out);
    pc_text_grid_free(t);
    return rc;
}

/* Keys of a pivot's rows or columns: owned strings in order of first appearance. */
enum { PIVOT_MAX_ROWS = 1024, PIVOT_MAX_COLS = 64 };
struct pivot_keys {
    size_t n, max;
    char *items[PIVOT_MAX_ROWS];
};

/* Index of `key` in k, appending a copy if absent; -1 when k already has k->max keys, -2 on
 * out of memory. */
static long key_index(struct pivot_keys *k, const char *key)
{
    for (size_t i = 0; i < k->n; i++)
        if (strcmp(k->items[i], key) == 0)
            return (long)i;
    if (k->n == k->max)
        return -1;
    if ((k->items[k->n] = strdup(key)) == NULL)
        return -2;
    return (long)k->n++;
}

static void keys_free(struct pivot_keys *k)
{
    for (size_t i = 0; i < k->n; i++)
        free(k->items[i]);
}

/* How a pivot lays out the rows of a growth indicator. */
enum pivot_mode {
    PIVOT_YEARS,   /* one yearly measure: a row per zone, a column per year */
    PIVOT_PERIODS, /* period measures: a row per zone and period, a column per measure */
    PIVOT_METRICS, /* yearly measures of the scope: a row per year, a column per measure */
    PIVOT_ZONES,   /* measures without period: a row per zone, a column per measure */
    PIVOT_CLASSES  /* land-use classes: a row per class, a column per zone */
};

/* The row key of r in a pivot: "zone\tperiod", the zone, or the year ("" is the scope). */
static void pivot_row_key(const struct pc_result *r, enum pivot_mode mode, const char *period,
                          char *key, size_t size)
{
    const char *zone = r->zone ? r->zone : "";
    if (mode == PIVOT_METRICS)
        snprintf(key, size, "%s", period);
    else if (mode == PIVOT_CLASSES)
        snprintf(key, size, "%s", r->measure);
    else if (mode == PIVOT_PERIODS)
        snprintf(key, size, "%s\t%s", zone, period);
    else
        snprintf(key, size, "%s", zone);
}

/* Fills the label cells of a pivot row from its key: the zone (indented, or the scope's
 * name), then the period in PIVOT_PERIODS; a zone is named on its first row only. */
static int pivot_row_labels(struct pc_text_grid *t, size_t row, const char *key,
                            const char *prev_key, enum pivot_mode mode,
                            const struct pc_indicator_def *d, const struct pc_plan *plan)
{
    if (mode == PIVOT_METRICS)
        return pc_text_grid_set(t, row, 0, "%s", key);
    if (mode == PIVOT_CLASSES) {
        const char *name = plan->has_codes ? pc_codes_name(&plan->codes, key) : NULL;
        return pc_text_grid_set(t, row, 0, "%s %s", key, name ? name : "");
    }
    const char *tab = strchr(key, '\t');
    size_t zone_len = tab ? (size_t)(tab - key) : strlen(key);
    int rc = 0;
    if (tab != NULL)
        rc |= pc_text_grid_set(t, row, 1, "%s", tab + 1);
    if (prev_key != NULL && strncmp(prev_key, key, zone_len) == 0 && prev_key[zone_len] == '\t')
        return rc; /* same zone as the row above */
    if (zone_len == 0)
        return rc | pc_text_grid_set(t, row, 0, "%s", d->scope ? d->scope->name : "(all)");
    return rc | pc_text_grid_set(t, row, 0, "  %.*s", (int)zone_len, key);
}

/* The rows of growth indicator d with one of `measures` as a pivot table under a title line.
 * Nothing is printed when d has no such rows. Returns 0, or -1 on failure. */
static int write_pivot(FILE *out, const struct pc_plan *plan, const struct pc_results *rs,
                       const struct pc_indicator_def *d, const char *title,
                       const char *const *measures, enum pivot_mode mode)
{
    struct pivot_keys *keys = calloc(2, sizeof *keys); /* large: not on the stack */
    const struct pc_result **cells = calloc(PIVOT_MAX_ROWS * PIVOT_MAX_COLS, sizeof *cells);
    if (keys == NULL || cells == NULL) {
        free(keys);
        free(cells);
        return -1;
    }
    struct pivot_keys *rows = &keys[0], *cols = &keys[1];
    rows->max = PIVOT_MAX_ROWS;
    cols->max = PIVOT_MAX_COLS;
    int tabulate = 1, rc = 0, truncated = 0;
    int by_period = mode == PIVOT_YEARS || mode == PIVOT_PERIODS || mode == PIVOT_METRICS;
    for (const char *const *m = measures; rc == 0 && *m; m++)
        for (size_t i = 0; rc == 0 && i < rs->n; i++) {
            const struct pc_result *r = &rs->rows[i];
            char period[32] = "", key[256];
            if (r->def != d || r->measure == NULL ||
                (mode != PIVOT_CLASSES && strcmp(r->measure, *m) != 0) ||
                (mode == PIVOT_METRICS && r->zone != NULL) ||
                (by_period && !pc_result_period(r, period, sizeof period)))
                continue;
            pivot_row_key(r, mode, period, key, sizeof key);
            const char *col = mode == PIVOT_YEARS ? period
                              : mode == PIVOT_CLASSES
                                  ? (r->zone ? r->zone : pc_result_scope_label(r))
                                  : *m;
            long c = key_index(cols, col);
            long row = key_index(rows, key);
            if (c == -2 || row == -2)
                rc = -1;
            else if (c < 0 || row < 0)
                truncated = 1; /* the database has every row */
            else
                cells[row * PIVOT_MAX_COLS + c] = r;
        }
    size_t labels = mode == PIVOT_PERIODS ? 2 : 1;
    int all_zero = 1;
    for (size_t i = 0; i < rows->n * PIVOT_MAX_COLS && all_zero; i++)
        if (cells[i] != NULL && !(fabs(cells[i]->value) < 0.005)) /* prints as 0.00 */
            all_zero = 0;
    if (rc == 0 && cols->n > 0 && all_zero && mode == PIVOT_PERIODS) {
        fprintf(out, "\n%s: %s: 0 in every zone and period\n", d->id, title);
        tabulate = 0;
    }
    struct pc_text_grid *t = NULL;
    if (rc == 0 && cols->n > 0 && tabulate) {
        const char *heads[PIVOT_MAX_COLS + 2] = {mode == PIVOT_METRICS   ? "YEAR"
                                                 : mode == PIVOT_CLASSES ? "CLASS"
                                                                         : "ZONE",
                                                 "PERIOD"};
        for (size_t c = 0; c < cols->n; c++)
            heads[labels + c] = cols->items[c];
        rc = (t = pc_text_grid_new(labels + cols->n, heads)) ? 0 : -1;
    }
    for (size_t c = labels; t != NULL && c < labels + cols->n; c++)
        t->right[c] = 1;
    for (size_t r = 0; t != NULL && rc == 0 && r < rows->n; r++) {
        long row = pc_text_grid_add_row(t);
        rc = row < 0 ? -1
                     : pivot_row_labels(t, (size_t)row, rows->items[r],
                                        r ? rows->items[r - 1] : NULL, mode, d, plan);
        for (size_t c = 0; rc == 0 && c < cols->n; c++)
            if (cells[r * PIVOT_MAX_COLS + c] != NULL)
                rc = set_value(t, (size_t)row, labels + c, cells[r * PIVOT_MAX_COLS + c]);
    }
    if (t != NULL && rc == 0) {
        fprintf(out, "\n%s: %s\n", d->id, title);
        rc = pc_text_grid_print(t, out);
        if (truncated)
            fprintf(out, "(more rows than fit here: see indicator_results)\n");
    }
    pc_text_grid_free(t);
    free(cells);
    keys_free(rows);
    keys_free(cols);
    free(keys);
    return rc;
}

/* The pivot tables of one growth indicator. */
static int write_growth_block(FILE *out, const struct pc_plan *plan, const struct pc_results *rs,
                              const struct pc_indicator_def *d)
{
    static const char *const area[] = {"area", NULL};
    static const char *const growth[] = {
        "growth", "new", "cagr", "infilling", "edge", "outlying", "below_min_patch", NULL};
    static const char *const lines[] = {"in_redline", "on_farmland", "outside_dev_boundary", NULL};
    static const char *const metrics[] = {"CA", "NP",      "PD",      "LPI",
                                          "ED", "AREA_MN", "AREA_AM", NULL};
    const char *unit = "km2";
    if (d->target.set && pc_unit_family(d->target.unit) == PC_FAMILY_AREA)
        unit = pc_unit_name(d->target.unit);
    char title[256];
    int rc = 0;
    snprintf(title, sizeof title, "built-up area (%s)", unit);
    rc |= write_pivot(out, plan, rs, d, title, area, PIVOT_YEARS);
    snprintf(title, sizeof title,
             "growth, new land and its expansion type by LEI (ring %g m) (%s; cagr in %% per "
             "year)",
             d->growth.ring, unit);
    rc |= write_pivot(out, plan, rs, d, title, growth, PIVOT_PERIODS);
    snprintf(title, sizeof title, "new built-up land across the control lines (%s)", unit);
    rc |= write_pivot(out, plan, rs, d, title, lines, PIVOT_PERIODS);
    rc |= write_pivot(out, plan, rs, d,
                      "landscape metrics of the built-up patches in the scope (CA, AREA_MN, "
                      "AREA_AM ha; PD per 100 ha; LPI %; ED m/ha)",
                      metrics, PIVOT_METRICS);
    return rc;
}

static void write_citations(FILE *out, const struct pc_plan *plan)
{
    fputc('\n', out);
    for (size_t i = 0; i < plan->n_indicators; i++) {
        const struct pc_indicator_def *d = &plan->indicators[i];
        fprintf(out, "%s: %s [%s]", d->id, d->title, d->kind->name);
        if (d->target.set)
            fprintf(out, "; target %s %g %s", pc_cmp_name(d->target.op), d->target.value,
                    pc_unit_name(d->target.unit));
        if (d->year)
            fprintf(out, " by %d", d->year);
        if (d->source)
            fprintf(out, "; %s", d->source);
        if (d->quote)
            fprintf(out, ": 「%s」", d->quote);
        fputc('\n', out);
    }
}

/* The pieces and noise of an overlap or outside indicator, by zone. */
static int write_conflict_block(FILE *out, const struct pc_plan *plan, const struct pc_results *rs,
                                const struct pc_indicator_def *d)
{
    static const char *const measures[] = {"pieces", "noise", "noise_pieces", NULL};
    char title[256];
    snprintf(title, sizeof title,
             "conflict pieces, and boundary noise (pieces below %g m2; noise area in m2) apart",
             d->sliver);
    return write_pivot(out, plan, rs, d, title, measures, PIVOT_ZONES);
}

/* The shares of every class of a structure indicator, by zone. */
static int write_structure_block(FILE *out, const struct pc_plan *plan, const struct pc_results *rs,
                                 const struct pc_indicator_def *d)
{
    static const char *const all[] = {"", NULL};
    char title[256];
    snprintf(title, sizeof title,
             "land-use structure, 用地用海 level %d (%% of the classified area; areas in "
             "%s_structure)",
             d->level, d->id);
    return write_pivot(out, plan, rs, d, title, all, PIVOT_CLASSES);
}

int pc_report_write(FILE *out, const struct pc_plan *plan, const struct pc_results *rs)
{
    int rc = write_main_table(out, rs);
    for (size_t i = 0; rc == 0 && i < plan->n_indicators; i++) {
        const struct pc_indicator_def *d = &plan->indicators[i];
        if (d->kind->evaluate == pc_eval_growth)
            rc = write_growth_block(out, plan, rs, d);
        else if (d->kind->evaluate == pc_eval_overlap || d->kind->evaluate == pc_eval_outside)
            rc = write_conflict_block(out, plan, rs, d);
        else if (d->kind->evaluate == pc_eval_structure)
            rc = write_structure_block(out, plan, rs, d);
    }
    write_citations(out, plan);
    if (rc != 0 || ferror(out))
        return pc_error(PC_ERR_RUN, "cannot write the results table: write error");
    return PC_OK;
}
