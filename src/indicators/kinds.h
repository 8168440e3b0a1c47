/* kinds.h: the table of indicator kinds. A new kind is one ind_<kind>.c file plus one entry
 * in kinds.c (DESIGN.md §1). */
#ifndef PC_KINDS_H
#define PC_KINDS_H

#include "plan/plan.h"
#include "plan/target.h"

struct pc_eval;

/* Computes every result row of one indicator (scope and zones) into ev's result set, and
 * any geometry layers into ev's tables. Returns PC_OK or an error code with pc_error() set. */
typedef int (*pc_evaluate_fn)(struct pc_eval *ev, const struct pc_indicator_def *def);

struct pc_indicator_kind {
    const char *name;                 /* value of the `kind` key */
    const char *summary;              /* one line for help and docs */
    const char *const *required_keys; /* NULL-terminated, besides `kind` */
    const char *const *optional_keys; /* NULL-terminated, besides the common keys */
    enum pc_unit_family family;       /* what its value measures */
    enum pc_unit default_unit;        /* unit when the target does not set one */
    int needs_within_or_scope;        /* share: the base is `within`, or the zone/scope */
    pc_evaluate_fn evaluate;
    /* Reads the kind's own keys into the def and checks its target's unit against them;
     * NULL when the key lists and `family` say everything. PC_OK or PC_ERR_USAGE. */
    int (*build_keys)(const struct pc_plan *plan, const struct pc_ini_section *s,
                      struct pc_indicator_def *def);
    /* The key ("layer" or "population") whose source the kind reads in batches through
     * pc_eval_each_batch, so that a source used only so is never held whole; or NULL. */
    const char *streamed_key;
};

/* Keys every indicator may have: kind, title, zones, scope, target, year, source, quote.
 * NULL-terminated static array. */
extern const char *const pc_indicator_common_keys[];

/* The kind called `name`, or NULL. Static. */
const struct pc_indicator_kind *pc_kind_find(const char *name);

/* The number of kinds and the i-th kind, for listings. */
size_t pc_kind_count(void);
const struct pc_indicator_kind *pc_kind_at(size_t i);

#endif
