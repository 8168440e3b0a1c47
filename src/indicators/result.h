/* result.h: indicator result rows, one for the scope and one per zone (DESIGN.md §2). */
#ifndef PC_RESULT_H
#define PC_RESULT_H

#include <stddef.h>

#include "core/table.h"
#include "plan/plan.h"

struct pc_result {
    const struct pc_indicator_def *def; /* borrowed from the plan */
    char *zone;                         /* owned zone name; NULL for the scope row */
    const char *measure; /* what the row measures (static) for kinds that report several
                          * figures (growth: "area", "growth"...); NULL for one figure */
    int from, to;        /* the row's period from-to, or its year `to` with from = 0; both 0
                          * when the row has no period of its own */
    double value;        /* in `unit`; NaN when undefined (nothing to measure) */
    enum pc_unit unit;
    double numerator;   /* m2 for area-based kinds; NaN when not applicable */
    double denominator; /* m2; NaN when not applicable */
    double pop_value;   /* population-weighted value in %, NaN without population */
    double pop_numerator, pop_denominator; /* residents; NaN without population */
    const struct pc_target *target;        /* the target judged on this row, or NULL (none, or a
                                            * scope-wide area target on a zone row) */
    enum pc_verdict status;
};

struct pc_results {
    size_t n, cap;
    struct pc_result *rows;
};

/* Appends a copy of *row (its zone string is copied). Returns PC_OK or PC_ERR_RUN. */
int pc_results_add(struct pc_results *rs, const struct pc_result *row);

/* Frees the rows and zeroes *rs. */
void pc_results_free(struct pc_results *rs);

/* Label of a result's scope: the scope layer's name, or "(all)" without a scope. Static. */
const char *pc_result_scope_label(const struct pc_result *r);

/* Writes the row's period ("2015-2020", or "2020" for a year) into buf and returns 1, or
 * returns 0 when the row has none. */
int pc_result_period(const struct pc_result *r, char *buf, size_t size);

/* The rows as the table `indicator_results` (no geometry); NULL with pc_error(). Caller
 * frees with pc_table_free(). */
struct pc_table *pc_results_table(const struct pc_results *rs);

#endif
