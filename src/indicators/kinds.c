/* kinds.c: the table of indicator kinds and the keys each accepts. */
#include "indicators/kinds.h"

#include <string.h>

#include "indicators/eval.h"

const char *const pc_indicator_common_keys[] = {"kind", "title",  "zones", "scope", "target",
                                                "year", "source", "quote", NULL};

static const char *const coverage_required[] = {"layer", "facility", "radius", NULL};
static const char *const area_required[] = {"layer", NULL};
static const char *const share_required[] = {"layer", NULL};
static const char *const share_optional[] = {"within", NULL};
static const char *const growth_required[] = {"layers", NULL};
static const char *const growth_optional[] = {"ring",         "min_patch", "redline", "farmland",
                                              "dev_boundary", "check",     "period",  NULL};
static const char *const none[] = {NULL};

static const struct pc_indicator_kind kinds[] = {
    {"coverage", "% of a layer's area within the service radius of facilities", coverage_required,
     none, PC_FAMILY_PERCENT, PC_UNIT_PERCENT, 0, pc_eval_coverage, NULL},
    {"area", "area of a layer inside the scope and each zone", area_required, none, PC_FAMILY_AREA,
     PC_UNIT_KM2, 0, pc_eval_area, NULL},
    {"share", "% of a base area (`within` layer, or the zone) covered by a layer", share_required,
     share_optional, PC_FAMILY_PERCENT, PC_UNIT_PERCENT, 1, pc_eval_share, NULL},
    {"growth",
     "built-up area per year, growth per period, expansion types (LEI), landscape metrics and "
     "growth across control lines",
     growth_required, growth_optional, PC_FAMILY_AREA, PC_UNIT_KM2, 0, pc_eval_growth,
     pc_plan_build_growth},
};

const struct pc_indicator_kind *pc_kind_find(const char *name)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

size_t pc_kind_count(void)
{
    return sizeof kinds / sizeof kinds[0];
}

const struct pc_indicator_kind *pc_kind_at(size_t i)
{
    return i < pc_kind_count() ? &kinds[i] : NULL;
}
