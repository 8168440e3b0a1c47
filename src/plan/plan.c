/* plan.c: lookups in a loaded plan, and releasing it. */
#include "plan/plan.h"
#include "plan/plan_internal.h"

#include <stdlib.h>
#include <string.h>

const struct pc_source_def *pc_plan_source(const struct pc_plan *plan, const char *name)
{
    for (size_t i = 0; i < plan->n_sources; i++)
        if (strcmp(plan->sources[i].name, name) == 0)
            return &plan->sources[i];
    return NULL;
}

int pc_plan_key_line(const struct pc_ini_section *section, const char *key)
{
    const struct pc_ini_entry *e = pc_ini_find(section, key);
    return e ? e->line : section->line;
}

void pc_plan_free(struct pc_plan *plan)
{
    if (plan == NULL)
        return;
    for (size_t i = 0; i < plan->n_sources; i++) {
        free(plan->sources[i].path);
        pc_plan_list_free(plan->sources[i].classes, plan->sources[i].n_classes);
    }
    free(plan->sources);
    for (size_t i = 0; i < plan->n_indicators; i++) {
        pc_radius_free(&plan->indicators[i].radius);
        free(plan->indicators[i].growth.layers);
        free(plan->indicators[i].near);
    }
    pc_codes_free(&plan->codes);
    free(plan->indicators);
    free(plan->dir);
    free(plan->owned_name);
    pc_ini_free(&plan->ini);
    memset(plan, 0, sizeof *plan);
}
