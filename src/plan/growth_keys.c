/* growth_keys.c: the keys of a `growth` indicator: layers (dated), ring, min_patch, redline,
 * farmland, dev_boundary, check and period. Every error names the plan file, line and key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "plan/plan_internal.h"

static const char *const measure_names[PC_GM_COUNT] = {"area",
                                                       "growth",
                                                       "new",
                                                       "cagr",
                                                       "infilling",
                                                       "edge",
                                                       "outlying",
                                                       "below_min_patch",
                                                       "in_redline",
                                                       "on_farmland",
                                                       "outside_dev_boundary",
                                                       "CA",
                                                       "NP",
                                                       "PD",
                                                       "LPI",
                                                       "ED",
                                                       "AREA_MN",
                                                       "AREA_AM"};

const char *pc_growth_measure_name(enum pc_growth_measure m)
{
    return (unsigned)m < PC_GM_COUNT ? measure_names[m] : "";
}

int pc_growth_measure_is_yearly(enum pc_growth_measure m)
{
    return m == PC_GM_AREA || m >= PC_GM_CA;
}

int pc_growth_measure_is_type(enum pc_growth_measure m)
{
    return m >= PC_GM_INFILLING && m <= PC_GM_SMALL;
}

/* Sorts layer defs by year (insertion sort: a handful of layers). */
static void sort_by_year(const struct pc_source_def **layers, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && layers[j - 1]->year > layers[j]->year; j--) {
            const struct pc_source_def *t = layers[j];
            layers[j] = layers[j - 1];
            layers[j - 1] = t;
        }
}

/* Reads `layers = a, b, c` into g->layers (owned), each a dated [layer], sorted by year. */
static int read_layers(const struct pc_plan *plan, const struct pc_ini_section *s,
                       struct pc_growth_def *g)
{
    const char *text = NULL;
    int line = pc_plan_key_line(s, "layers");
    int rc = pc_plan_value(plan, s, "layers", 1, &text);
    if (rc)
        return rc;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ',';
    g->layers = calloc(cap, sizeof *g->layers);
    char *copy = pc_strdup(text);
    if (g->layers == NULL || copy == NULL) {
        free(copy);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && rc == PC_OK;
         tok = strtok_r(NULL, ",", &save)) {
        char *name = pc_strtrim(tok);
        const struct pc_source_def *def = name ? pc_plan_source(plan, name) : NULL;
        if (name == NULL)
            rc = pc_error(PC_ERR_RUN, "out of memory");
        else if (def == NULL || def->is_zones)
            rc = pc_plan_error(plan, line,
                               "key 'layers' in %s names [layer %s], which the plan "
                               "does not define",
                               pc_plan_section_label(s), name);
        else if (def->year == 0)
            rc = pc_plan_error(plan, line,
                               "key 'layers' in %s: [layer %s] has no 'year' (set "
                               "year = 2020 in that section)",
                               pc_plan_section_label(s), name);
        else
            g->layers[g->n_layers++] = def;
        free(name);
    }
    free(copy);
    if (rc)
        return rc;
    if (g->n_layers < 2)
        return pc_plan_error(plan, line,
                             "key 'layers' in %s needs two or more dated layers, "
                             "e.g. layers = builtup_2015, builtup_2020",
                             pc_plan_section_label(s));
    sort_by_year(g->layers, g->n_layers);
    for (size_t i = 1; i < g->n_layers; i++)
        if (g->layers[i]->year == g->layers[i - 1]->year)
            return pc_plan_error(plan, line,
                                 "key 'layers' in %s: [layer %s] and [layer %s] "
                                 "both show %d",
                                 pc_plan_section_label(s), g->layers[i - 1]->name,
                                 g->layers[i]->name, g->layers[i]->year);
    return PC_OK;
}

/* A number key within [lo, hi], or `fallback` when absent. */
static int read_number(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                       double lo, double hi, double fallback, double *out)
{
    const char *text = NULL;
    int rc = pc_plan_value(plan, s, key, 0, &text);
    *out = fallback;
    if (rc || text == NULL)
        return rc;
    if (pc_parse_double(text, out) != 0 || !(*out >= lo && *out <= hi))
        return pc_plan_error(plan, pc_plan_key_line(s, key),
                             "bad number '%s' for key '%s' in %s: expected metres%s from %g to %g",
                             text, key, pc_plan_section_label(s),
                             strcmp(key, "min_patch") == 0 ? " squared" : "", lo, hi);
    return PC_OK;
}

/* A control-line key, or the plan's first layer with that role when the key is absent. */
static int read_control(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                        enum pc_role role, const struct pc_source_def **out)
{
    int rc = pc_plan_reference(plan, s, key, 0, out);
    for (size_t i = 0; rc == PC_OK && *out == NULL && i < plan->n_sources; i++)
        if (plan->sources[i].role == role)
            *out = &plan->sources[i];
    return rc;
}

/* Index of the layer showing `year`, or -1. */
static int layer_of_year(const struct pc_growth_def *g, int year)
{
    for (size_t i = 0; i < g->n_layers; i++)
        if (g->layers[i]->year == year)
            return (int)i;
    return -1;
}

/* Reads `check` and `period` (and the indicator's `year`) into g->check, g->from, g->to. */
static int read_check(const struct pc_plan *plan, const struct pc_ini_section *s,
                      const struct pc_indicator_def *def, struct pc_growth_def *g)
{
    const char *check = NULL, *period = NULL;
    int rc;
    if ((rc = pc_plan_value(plan, s, "check", 0, &check)) ||
        (rc = pc_plan_value(plan, s, "period", 0, &period)))
        return rc;
    const char *label = pc_plan_section_label(s);
    g->from = g->layers[0]->year;
    g->to = g->layers[g->n_layers - 1]->year;
    if (check != NULL) {
        int m = 0;
        while (m < PC_GM_CA && strcmp(check, measure_names[m]) != 0)
            m++;
        if (m == PC_GM_CA)
            return pc_plan_error(plan, pc_plan_key_line(s, "check"),
                                 "unknown check '%s' in %s: expected area, growth, new, cagr, "
                                 "infilling, edge, outlying, in_redline, on_farmland or "
                                 "outside_dev_boundary",
                                 check, label);
        g->check = (enum pc_growth_measure)m;
    } else {
        g->check = period == NULL && layer_of_year(g, def->year) >= 0 ? PC_GM_AREA : PC_GM_GROWTH;
    }
    if (g->check == PC_GM_AREA) {
        if (period != NULL)
            return pc_plan_error(plan, pc_plan_key_line(s, "period"),
                                 "key 'period' in %s does not go with check = area: set 'year' "
                                 "to the year whose area the target judges",
                                 label);
        if (layer_of_year(g, def->year) < 0)
            return pc_plan_error(plan, pc_plan_key_line(s, "year"),
                                 "%s checks the area of one year: set 'year' to the year of one "
                                 "of its layers (%d ... %d)",
                                 label, g->from, g->to);
        g->from = 0;
        g->to = def->year;
        return PC_OK;
    }
    if (period != NULL &&
        (sscanf(period, "%d-%d", &g->from, &g->to) != 2 || layer_of_year(g, g->from) < 0 ||
         layer_of_year(g, g->to) < 0 || g->from >= g->to))
        return pc_plan_error(plan, pc_plan_key_line(s, "period"),
                             "bad period '%s' in %s: expected FROM-TO, two years of its layers "
                             "in order (e.g. %d-%d)",
                             period, label, g->layers[0]->year, g->layers[1]->year);
    if (pc_growth_measure_is_type(g->check) &&
        layer_of_year(g, g->to) != layer_of_year(g, g->from) + 1)
        return pc_plan_error(plan, pc_plan_key_line(s, period ? "period" : "check"),
                             "%s checks expansion type '%s', which exists for consecutive "
                             "layers only: set period to one of them (e.g. period = %d-%d)",
                             label, check, g->layers[0]->year, g->layers[1]->year);
    const struct pc_source_def *needed[] = {[PC_GM_IN_REDLINE] = g->redline,
                                            [PC_GM_ON_FARMLAND] = g->farmland,
                                            [PC_GM_OUTSIDE_DEV] = g->dev_boundary};
    static const char *const line_key[] = {[PC_GM_IN_REDLINE] = "redline",
                                           [PC_GM_ON_FARMLAND] = "farmland",
                                           [PC_GM_OUTSIDE_DEV] = "dev_boundary"};
    if (g->check >= PC_GM_IN_REDLINE && g->check <= PC_GM_OUTSIDE_DEV && needed[g->check] == NULL)
        return pc_plan_error(plan, pc_plan_key_line(s, "check"),
                             "%s checks '%s' but has no %s layer: set '%s' or give a layer "
                             "role = %s",
                             label, check, line_key[g->check], line_key[g->check],
                             line_key[g->check]);
    return PC_OK;
}

/* Checks the target's unit against the measure it judges: % for cagr, an area otherwise. */
static int check_target_unit(const struct pc_plan *plan, const struct pc_ini_section *s,
                             const struct pc_indicator_def *def)
{
    if (!def->target.set)
        return PC_OK;
    enum pc_unit_family want = def->growth.check == PC_GM_CAGR ? PC_FAMILY_PERCENT : PC_FAMILY_AREA;
    if (pc_unit_family(def->target.unit) == want)
        return PC_OK;
    return pc_plan_error(plan, pc_plan_key_line(s, "target"),
                         "bad target '%s' in %s: check '%s' is measured in %s", def->target_text,
                         pc_plan_section_label(s), pc_growth_measure_name(def->growth.check),
                         want == PC_FAMILY_PERCENT ? "% per year" : "km2 (or ha, m2, mu)");
}

int pc_plan_build_growth(const struct pc_plan *plan, const struct pc_ini_section *s,
                         struct pc_indicator_def *def)
{
    struct pc_growth_def *g = &def->growth;
    int rc;
    if ((rc = read_layers(plan, s, g)) ||
        (rc = read_number(plan, s, "ring", 0.01, 10000, PC_DEFAULT_LEI_RING, &g->ring)) ||
        (rc = read_number(plan, s, "min_patch", 0, 1e9, 0, &g->min_patch)) ||
        (rc = read_control(plan, s, "redline", PC_ROLE_REDLINE, &g->redline)) ||
        (rc = read_control(plan, s, "farmland", PC_ROLE_FARMLAND, &g->farmland)) ||
        (rc = read_control(plan, s, "dev_boundary", PC_ROLE_DEV_BOUNDARY, &g->dev_boundary)) ||
        (rc = read_check(plan, s, def, g)))
        return rc;
    return check_target_unit(plan, s, def);
}
