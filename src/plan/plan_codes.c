/* plan_codes.c: loading the land-use code table a plan needs ([plan] codes, or the table
 * shipped with plancheck) and checking the plan's class codes against it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/util.h"
#include "plan/plan_internal.h"

/* Checks one 用地用海 code written in the plan at `line` of s against the table. */
static int check_class(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                       const char *code)
{
    if (pc_codes_name(&plan->codes, code) != NULL)
        return PC_OK;
    return pc_plan_error(plan, pc_plan_key_line(s, key),
                         "key '%s' in %s: '%s' is not a 用地用海 class in %s (expected a code "
                         "such as 07, 0701 or 1401)",
                         key, pc_plan_section_label(s), code, plan->codes.path);
}

int pc_plan_load_codes(struct pc_plan *plan)
{
    int needed = 0;
    for (size_t i = 0; i < plan->n_sources; i++)
        needed |= plan->sources[i].maps_codes;
    if (!needed)
        return PC_OK;
    const char *written = NULL;
    int rc = pc_plan_value(plan, plan->section, "codes", 0, &written);
    if (rc != PC_OK)
        return rc;
    char *path = written ? pc_path_join(plan->dir, written) : pc_strdup(pc_codes_default_path());
    if (path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    plan->has_codes = 1;
    if (written != NULL && access(path, R_OK) != 0) {
        rc = pc_plan_error(plan, pc_plan_key_line(plan->section, "codes"),
                           "key 'codes' in [plan]: cannot read the land-use code table %s: %s",
                           path, strerror(errno));
        free(path);
        return rc;
    }
    rc = pc_codes_load(path, &plan->codes);
    free(path);
    for (size_t i = 0; rc == PC_OK && i < plan->n_sources; i++) {
        const struct pc_source_def *d = &plan->sources[i];
        for (size_t j = 0; rc == PC_OK && j < d->n_classes; j++)
            rc = check_class(plan, d->section, "classes", d->classes[j]);
    }
    for (size_t i = 0; rc == PC_OK && i < plan->n_indicators; i++) {
        struct pc_indicator_def *d = &plan->indicators[i];
        if (d->check_class == NULL)
            continue;
        rc = check_class(plan, d->section, "check", d->check_class);
        if (rc == PC_OK) /* point at the table's copy, which every result row can borrow */
            d->check_class = pc_codes_map(&plan->codes, (enum pc_vocabulary[]){PC_VOCAB_YDYH}, 1,
                                          d->check_class);
    }
    return rc;
}
