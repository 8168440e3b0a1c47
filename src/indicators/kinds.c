/* kinds.c: the table of indicator kinds and the keys each accepts. */
#include "indicators/kinds.h"

#include <string.h>

#include "indicators/eval.h"
#include "plan/kind_keys.h"

const char *const pc_indicator_common_keys[] = {"kind", "title",  "zones", "scope", "target",
                                                "year", "source", "quote", NULL};

static const char *const coverage_required[] = {"layer", "facility", "radius", NULL};
static const char *const coverage_optional[] = {
    "distance", "network", "entrances", "speed", "snap", "access", "access_spacing", "width", NULL};
static const char *const area_required[] = {"layer", NULL};
static const char *const share_required[] = {"layer", NULL};
static const char *const share_optional[] = {"within", NULL};
static const char *const growth_required[] = {"layers", NULL};
static const char *const growth_optional[] = {"ring",         "min_patch", "redline", "farmland",
                                              "dev_boundary", "check",     "period",  NULL};
static const char *const overlap_required[] = {"layer", "with", NULL};
static const char *const outside_required[] = {"layer", "boundary", NULL};
static const char *const sliver_optional[] = {"sliver", NULL};
static const char *const structure_optional[] = {"level", "check", NULL};
static const char *const per_capita_required[] = {"layer", "population", NULL};
static const char *const density_optional[] = {"within", NULL};
static const char *const count_optional[] = {"near", "distance", "min_area", NULL};
static const char *const none[] = {NULL};

static const struct pc_indicator_kind kinds[] = {
    {"coverage",
     "% of a layer's area within the service radius of facilities, in a straight line or "
     "along the street network (`distance = network`)",
     coverage_required, coverage_optional, PC_FAMILY_PERCENT, PC_UNIT_PERCENT, 0, pc_eval_coverage,
     pc_plan_build_coverage, "layer"},
    {"area", "area of a layer inside the scope and each zone", area_required, none, PC_FAMILY_AREA,
     PC_UNIT_KM2, 0, pc_eval_area, NULL, NULL},
    {"share", "% of a base area (`within` layer, or the zone) covered by a layer", share_required,
     share_optional, PC_FAMILY_PERCENT, PC_UNIT_PERCENT, 1, pc_eval_share, NULL, NULL},
    {"growth",
     "built-up area per year, growth per period, expansion types (LEI), landscape metrics and "
     "growth across control lines",
     growth_required, growth_optional, PC_FAMILY_AREA, PC_UNIT_KM2, 0, pc_eval_growth,
     pc_plan_build_growth, NULL},
    {"overlap",
     "area of a layer inside another (conflicts with a control line), each piece with both "
     "sides' attributes; slivers apart as boundary noise",
     overlap_required, sliver_optional, PC_FAMILY_AREA, PC_UNIT_HA, 0, pc_eval_overlap,
     pc_plan_build_overlap, NULL},
    {"outside",
     "area of a layer outside a boundary layer, each piece with its attributes; slivers apart",
     outside_required, sliver_optional, PC_FAMILY_AREA, PC_UNIT_HA, 0, pc_eval_outside,
     pc_plan_build_outside, NULL},
    {"structure", "area and share of every 用地用海 class at code level 1, 2 or 3", area_required,
     structure_optional, PC_FAMILY_PERCENT, PC_UNIT_PERCENT, 0, pc_eval_structure,
     pc_plan_build_structure, "layer"},
    {"per_capita", "area of a layer per resident (residents from a population layer)",
     per_capita_required, none, PC_FAMILY_PER_CAPITA, PC_UNIT_M2_PER_PERSON, 0, pc_eval_per_capita,
     pc_plan_build_per_capita, "population"},
    {"density", "length of a line layer per area (the `within` layer, or the zone)", area_required,
     density_optional, PC_FAMILY_DENSITY, PC_UNIT_KM_PER_KM2, 1, pc_eval_density,
     pc_plan_build_density, "layer"},
    {"count",
     "number of features (polygons by a point inside them), optionally at least `min_area` "
     "and within `distance` of the `near` layers",
     area_required, count_optional, PC_FAMILY_COUNT, PC_UNIT_COUNT, 0, pc_eval_count,
     pc_plan_build_count, NULL},
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
