/* plan_internal.h: helpers the plan builders share (plan_build.c, growth_keys.c). Every
 * error they report names the plan file, the line and the key or section. */
#ifndef PC_PLAN_INTERNAL_H
#define PC_PLAN_INTERNAL_H

#include "plan/plan.h"

/* Reports an error at a line of the plan file; returns PC_ERR_USAGE. */
int pc_plan_error(const struct pc_plan *plan, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Label of s ("[indicator x]") for a message that names one section (thread-local buffer,
 * valid until the next call on this thread). */
const char *pc_plan_section_label(const struct pc_ini_section *s);

/* The value of `key` in s, or NULL; with `required`, a missing key is an error. */
int pc_plan_value(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                  int required, const char **out);

/* Resolves a reference key of s to a [layer] (want_zones 0) or [zones] section; *out is NULL
 * when the key is absent. Returns PC_OK or PC_ERR_USAGE for an undefined or wrong section. */
int pc_plan_reference(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                      int want_zones, const struct pc_source_def **out);

/* Splits the comma list of `key` in s into *items (owned array of owned trimmed strings,
 * free with pc_plan_list_free) and *n; both NULL/0 when the key is absent. An empty item
 * is an error naming the key. Returns PC_OK, PC_ERR_USAGE or PC_ERR_RUN. */
int pc_plan_list(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                 char ***items, size_t *n);

/* Frees a list from pc_plan_list; NULL is fine. */
void pc_plan_list_free(char **items, size_t n);

/* Fails unless the indicator's target (if any) is in a unit of `family`; `units` names the
 * units for the message ("m2/person"). Returns PC_OK or PC_ERR_USAGE. */
int pc_plan_check_target_family(const struct pc_plan *plan, const struct pc_ini_section *s,
                                const struct pc_indicator_def *def, enum pc_unit_family family,
                                const char *units);

/* Loads the land-use code table when a layer or indicator needs it and checks every
 * `classes` list against it. PC_OK, PC_ERR_USAGE or PC_ERR_RUN. */
int pc_plan_load_codes(struct pc_plan *plan);

#endif
