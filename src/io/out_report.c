/* out_report.c: the readable results table for stdout, aligned for Chinese text. */
#include "io/out_report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "indicators/kinds.h"

enum { C_INDICATOR, C_ZONE, C_VALUE, C_UNIT, C_POP, C_TARGET, C_STATUS, N_COLUMNS };

static const char *const headers[N_COLUMNS] = {"INDICATOR", "ZONE",   "VALUE", "UNIT",
                                               "POP %",     "TARGET", "STATUS"};

/* Text of one cell, written into buf (size 128) or returned as a borrowed string. */
static const char *cell(const struct pc_result *r, int column, char *buf)
{
    switch (column) {
    case C_INDICATOR:
        return r->zone ? "" : r->def->id;
    case C_ZONE:
        if (r->zone == NULL)
            return pc_result_scope_label(r);
        snprintf(buf, 128, "  %s", r->zone);
        return buf;
    case C_VALUE:
        if (isnan(r->value))
            return "-";
        snprintf(buf, 128, "%.2f", r->value);
        return buf;
    case C_UNIT:
        return pc_unit_name(r->unit);
    case C_POP:
        if (isnan(r->pop_value))
            return isnan(r->pop_denominator) ? "" : "-";
        snprintf(buf, 128, "%.2f", r->pop_value);
        return buf;
    case C_TARGET:
        if (r->target == NULL)
            return "";
        snprintf(buf, 128, "%s %g %s", pc_cmp_name(r->target->op), r->target->value,
                 pc_unit_name(r->target->unit));
        return buf;
    case C_STATUS:
        return pc_verdict_name(r->status);
    }
    return "";
}

/* Right-aligned columns: the numbers. */
static int right_aligned(int column)
{
    return column == C_VALUE || column == C_POP;
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

int pc_report_write(FILE *out, const struct pc_plan *plan, const struct pc_results *rs)
{
    int width[N_COLUMNS];
    char buf[128];
    int any_pop = 0;
    for (int c = 0; c < N_COLUMNS; c++)
        width[c] = pc_utf8_width(headers[c]);
    for (size_t i = 0; i < rs->n; i++) {
        any_pop |= !isnan(rs->rows[i].pop_denominator);
        for (int c = 0; c < N_COLUMNS; c++) {
            int w = pc_utf8_width(cell(&rs->rows[i], c, buf));
            if (w > width[c])
                width[c] = w;
        }
    }
    for (size_t i = 0; i <= rs->n; i++) {
        for (int c = 0; c < N_COLUMNS; c++) {
            if (c == C_POP && !any_pop)
                continue;
            const char *text = i == 0 ? headers[c] : cell(&rs->rows[i - 1], c, buf);
            pc_utf8_pad(out, text, c == N_COLUMNS - 1 ? 0 : width[c], right_aligned(c));
            if (c < N_COLUMNS - 1)
                fputs("  ", out);
        }
        fputc('\n', out);
    }
    write_citations(out, plan);
    if (ferror(out))
        return pc_error(PC_ERR_RUN, "cannot write the results table: write error");
    return PC_OK;
}
