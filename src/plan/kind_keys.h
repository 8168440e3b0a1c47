/* kind_keys.h: the keys of the kinds coverage, overlap, outside, structure, per_capita, density and
 * count (each kind's build_keys in the table of kinds). */
#ifndef PC_KIND_KEYS_H
#define PC_KIND_KEYS_H

#include "plan/plan.h"

/* Pieces of conflicts below this many m2 are boundary noise when the plan sets no `sliver`:
 * a 0.2 m digitising offset along a 50 m parcel edge. docs/indicators.md explains it. */
#define PC_DEFAULT_SLIVER 10.0

/* Each reads its kind's own keys of section s into def and checks the target's unit.
 * PC_OK, PC_ERR_USAGE naming the line and key, or PC_ERR_RUN on out of memory. */
int pc_plan_build_coverage(const struct pc_plan *plan, const struct pc_ini_section *s,
                           struct pc_indicator_def *def);
int pc_plan_build_overlap(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def);
int pc_plan_build_outside(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def);
int pc_plan_build_structure(const struct pc_plan *plan, const struct pc_ini_section *s,
                            struct pc_indicator_def *def);
int pc_plan_build_per_capita(const struct pc_plan *plan, const struct pc_ini_section *s,
                             struct pc_indicator_def *def);
int pc_plan_build_density(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def);
int pc_plan_build_count(const struct pc_plan *plan, const struct pc_ini_section *s,
                        struct pc_indicator_def *def);

#endif
