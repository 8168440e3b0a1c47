/* result.c: the result set, and its table form `indicator_results`. */
#include "indicators/result.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "indicators/kinds.h"

int pc_results_add(struct pc_results *rs, const struct pc_result *row)
{
    if (pc_reserve((void **)&rs->rows, &rs->cap, rs->n + 1, sizeof *rs->rows) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    struct pc_result *r = &rs->rows[rs->n];
    *r = *row;
    r->zone = NULL;
    if (row->zone != NULL && (r->zone = pc_strdup(row->zone)) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    rs->n++;
    return PC_OK;
}

void pc_results_free(struct pc_results *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        free(rs->rows[i].zone);
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

const char *pc_result_scope_label(const struct pc_result *r)
{
    return r->def->scope ? r->def->scope->name : "(all)";
}

int pc_result_period(const struct pc_result *r, char *buf, size_t size)
{
    if (r->to == 0)
        return 0;
    if (r->from == 0)
        snprintf(buf, size, "%d", r->to);
    else
        snprintf(buf, size, "%d-%d", r->from, r->to);
    return 1;
}

/* Column order of indicator_results; the contract other tools read (docs/results.md). */
enum {
    COL_ID,
    COL_KIND,
    COL_TITLE,
    COL_SCOPE,
    COL_ZONES,
    COL_ZONE,
    COL_MEASURE,
    COL_PERIOD,
    COL_VALUE,
    COL_UNIT,
    COL_NUMERATOR,
    COL_DENOMINATOR,
    COL_POP_VALUE,
    COL_POP_NUMERATOR,
    COL_POP_DENOMINATOR,
    COL_TARGET_OP,
    COL_TARGET_VALUE,
    COL_TARGET_UNIT,
    COL_STATUS,
    COL_YEAR,
    COL_SOURCE,
    COL_QUOTE,
    N_COLS
};

static const struct {
    const char *name;
    enum pc_col_type type;
} columns[N_COLS] = {
    {"id", PC_COL_TEXT},        {"kind", PC_COL_TEXT},          {"title", PC_COL_TEXT},
    {"scope", PC_COL_TEXT},     {"zones", PC_COL_TEXT},         {"zone", PC_COL_TEXT},
    {"measure", PC_COL_TEXT},   {"period", PC_COL_TEXT},        {"value", PC_COL_REAL},
    {"unit", PC_COL_TEXT},      {"numerator", PC_COL_REAL},     {"denominator", PC_COL_REAL},
    {"pop_value", PC_COL_REAL}, {"pop_numerator", PC_COL_REAL}, {"pop_denominator", PC_COL_REAL},
    {"target_op", PC_COL_TEXT}, {"target_value", PC_COL_REAL},  {"target_unit", PC_COL_TEXT},
    {"status", PC_COL_TEXT},    {"year", PC_COL_INT},           {"source", PC_COL_TEXT},
    {"quote", PC_COL_TEXT},
};

/* Fills row `row` of t from result r. */
static int fill_row(struct pc_table *t, size_t row, const struct pc_result *r)
{
    const struct pc_indicator_def *d = r->def;
    int rc = 0;
    rc |= pc_table_set_text(t, row, COL_ID, d->id);
    rc |= pc_table_set_text(t, row, COL_KIND, d->kind->name);
    rc |= pc_table_set_text(t, row, COL_TITLE, d->title);
    rc |= pc_table_set_text(t, row, COL_SCOPE, d->scope ? d->scope->name : NULL);
    rc |= pc_table_set_text(t, row, COL_ZONES, d->zones ? d->zones->name : NULL);
    rc |= pc_table_set_text(t, row, COL_ZONE, r->zone);
    rc |= pc_table_set_text(t, row, COL_MEASURE, r->measure);
    char period[32];
    if (pc_result_period(r, period, sizeof period))
        rc |= pc_table_set_text(t, row, COL_PERIOD, period);
    pc_table_set_real(t, row, COL_VALUE, r->value);
    rc |= pc_table_set_text(t, row, COL_UNIT, pc_unit_name(r->unit));
    pc_table_set_real(t, row, COL_NUMERATOR, r->numerator);
    pc_table_set_real(t, row, COL_DENOMINATOR, r->denominator);
    pc_table_set_real(t, row, COL_POP_VALUE, r->pop_value);
    pc_table_set_real(t, row, COL_POP_NUMERATOR, r->pop_numerator);
    pc_table_set_real(t, row, COL_POP_DENOMINATOR, r->pop_denominator);
    if (r->target != NULL) {
        rc |= pc_table_set_text(t, row, COL_TARGET_OP, pc_cmp_name(r->target->op));
        pc_table_set_real(t, row, COL_TARGET_VALUE, r->target->value);
        rc |= pc_table_set_text(t, row, COL_TARGET_UNIT, pc_unit_name(r->target->unit));
    }
    rc |= pc_table_set_text(t, row, COL_STATUS, pc_verdict_name(r->status));
    if (d->year)
        pc_table_set_int(t, row, COL_YEAR, d->year);
    rc |= pc_table_set_text(t, row, COL_SOURCE, d->source);
    rc |= pc_table_set_text(t, row, COL_QUOTE, d->quote);
    return rc;
}

struct pc_table *pc_results_table(const struct pc_results *rs)
{
    struct pc_table *t = pc_table_new("indicator_results", 0);
    if (t == NULL)
        return NULL;
    for (int c = 0; c < N_COLS; c++)
        if (pc_table_add_column(t, columns[c].name, columns[c].type) < 0)
            goto fail;
    for (size_t i = 0; i < rs->n; i++) {
        long row = pc_table_add_row(t, NULL, NULL);
        if (row < 0 || fill_row(t, (size_t)row, &rs->rows[i]) != 0)
            goto fail;
    }
    return t;
fail:
    pc_table_free(t, NULL);
    return NULL;
}
