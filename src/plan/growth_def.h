/* growth_def.h: the keys of a `growth` indicator (dated layers, LEI ring, control lines) and
 * the measures it reports. */
#ifndef PC_GROWTH_DEF_H
#define PC_GROWTH_DEF_H

#include <stddef.h>

/* LEI buffer ring width in metres when the plan does not set `ring`: narrow enough that the
 * ring reads what touches the patch's edge (Liu et al. 2010 define LEI on the immediate
 * surroundings), wide enough to bridge the metre-scale gaps between layers digitised in
 * different years. docs/indicators.md explains the choice. */
#define PC_DEFAULT_LEI_RING 10.0

/* What a growth indicator measures; each row of its results is one of these in one year or
 * period. The order is the order of pc_growth_measure_name(). */
enum pc_growth_measure {
    PC_GM_AREA,        /* built-up area in a year */
    PC_GM_GROWTH,      /* net growth over a period: area(to) - area(from) */
    PC_GM_NEW,         /* gross new built-up area: built in `to`, not in `from` */
    PC_GM_CAGR,        /* compound annual growth rate of the area, % per year */
    PC_GM_INFILLING,   /* new area in patches with LEI > 50 */
    PC_GM_EDGE,        /* new area in patches with 0 < LEI <= 50 */
    PC_GM_OUTLYING,    /* new area in patches with LEI = 0 */
    PC_GM_SMALL,       /* new area in patches below min_patch, not typed */
    PC_GM_IN_REDLINE,  /* new area inside the ecological protection red line */
    PC_GM_ON_FARMLAND, /* new area on permanent basic farmland */
    PC_GM_OUTSIDE_DEV, /* new area outside the urban development boundary */
    PC_GM_CA,          /* FRAGSTATS class area, ha */
    PC_GM_NP,          /* number of patches */
    PC_GM_PD,          /* patch density, per 100 ha */
    PC_GM_LPI,         /* largest patch index, % */
    PC_GM_ED,          /* edge density, m/ha */
    PC_GM_AREA_MN,     /* mean patch area, ha */
    PC_GM_AREA_AM,     /* area-weighted mean patch area, ha */
    PC_GM_COUNT
};

struct pc_source_def;

struct pc_growth_def {
    size_t n_layers;                     /* at least 2 */
    const struct pc_source_def **layers; /* owned array of borrowed defs, years increasing */
    double ring;                         /* LEI ring width, m */
    double min_patch;                    /* m2: smaller new patches are not typed */
    const struct pc_source_def *redline, *farmland, *dev_boundary; /* each may be NULL */
    enum pc_growth_measure check; /* the measure the target judges */
    int from, to;                 /* its period (from = 0 for a year's measure: year `to`) */
};

struct pc_plan;
struct pc_ini_section;
struct pc_indicator_def;

/* Reads the keys of a `growth` indicator in section s into def->growth (the kind's
 * build_keys) and checks its target against the measure it judges. PC_OK or PC_ERR_USAGE. */
int pc_plan_build_growth(const struct pc_plan *plan, const struct pc_ini_section *s,
                         struct pc_indicator_def *def);

/* Plan-file name of a measure ("area", "in_redline", "AREA_MN"); static string. */
const char *pc_growth_measure_name(enum pc_growth_measure m);

/* Nonzero for measures of one year (area and the landscape metrics), zero for periods. */
int pc_growth_measure_is_yearly(enum pc_growth_measure m);

/* Nonzero for the LEI types, which exist for consecutive periods only. */
int pc_growth_measure_is_type(enum pc_growth_measure m);

#endif
