/* kind_keys.c: reading the keys of the kinds overlap, outside, structure, per_capita,
 * density and count. Every error names the plan file, the line and the key. */
#include "plan/kind_keys.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "plan/plan_internal.h"

/* A quantity key "NUMBER [UNIT]": *text is its value (NULL when the key is absent), *v the
 * number and *unit the text after it ("" when none); *ok is 0 when no number starts it. */
struct quantity {
    const char *text, *unit;
    double v;
    int ok;
};

static int read_quantity(const struct pc_plan *plan, const struct pc_ini_section *s,
                         const char *key, struct quantity *q)
{
    memset(q, 0, sizeof *q);
    int rc = pc_plan_value(plan, s, key, 0, &q->text);
    if (rc || q->text == NULL)
        return rc;
    char *end = NULL;
    q->v = strtod(q->text, &end);
    q->ok = end != q->text && isfinite(q->v);
    while (isspace((unsigned char)*end))
        end++;
    q->unit = end;
    return PC_OK;
}

/* An area key "NUMBER [UNIT]" (unit m2 when absent; km2, ha, m2 or mu) into *m2, or
 * `fallback` when absent. */
static int read_area(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                     double fallback, double *m2)
{
    struct quantity q;
    int rc = read_quantity(plan, s, key, &q);
    *m2 = fallback;
    if (rc || q.text == NULL)
        return rc;
    enum pc_unit unit = q.unit[0] ? pc_unit_parse(q.unit) : PC_UNIT_M2;
    if (!q.ok || !(q.v >= 0 && q.v <= 1e12) || pc_unit_family(unit) != PC_FAMILY_AREA)
        return pc_plan_error(plan, pc_plan_key_line(s, key),
                             "bad area '%s' for key '%s' in %s: expected a number >= 0 and "
                             "a unit m2, ha, mu or km2 (e.g. 30 mu)",
                             q.text, key, pc_plan_section_label(s));
    *m2 = q.v * pc_unit_m2(unit);
    return PC_OK;
}

/* A distance key in metres within [lo, hi] into *out; `fallback` when absent. */
static int read_metres(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                       double lo, double hi, double fallback, double *out)
{
    struct quantity q;
    int rc = read_quantity(plan, s, key, &q);
    *out = fallback;
    if (rc || q.text == NULL)
        return rc;
    if (!q.ok || (q.unit[0] && strcmp(q.unit, "m") != 0) || !(q.v >= lo && q.v <= hi))
        return pc_plan_error(plan, pc_plan_key_line(s, key),
                             "bad distance '%s' for key '%s' in %s: expected metres from %g to %g",
                             q.text, key, pc_plan_section_label(s), lo, hi);
    *out = q.v;
    return PC_OK;
}

/* A required reference key naming a [layer]. */
static int read_layer(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                      const struct pc_source_def **out)
{
    int rc = pc_plan_value(plan, s, key, 1, &(const char *){NULL});
    return rc ? rc : pc_plan_reference(plan, s, key, 0, out);
}

static const char area_units[] = "km2 (or ha, m2, mu)";

int pc_plan_build_overlap(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def)
{
    int rc;
    if ((rc = read_layer(plan, s, "with", &def->with)) ||
        (rc = read_area(plan, s, "sliver", PC_DEFAULT_SLIVER, &def->sliver)))
        return rc;
    if (def->with == def->layer)
        return pc_plan_error(plan, pc_plan_key_line(s, "with"),
                             "key 'with' in %s names the measured layer itself: name the layer "
                             "the conflicts are with (e.g. with = redline)",
                             pc_plan_section_label(s));
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_AREA, area_units);
}

int pc_plan_build_outside(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def)
{
    int rc;
    if ((rc = read_layer(plan, s, "boundary", &def->boundary)) ||
        (rc = read_area(plan, s, "sliver", PC_DEFAULT_SLIVER, &def->sliver)))
        return rc;
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_AREA, area_units);
}

int pc_plan_build_structure(const struct pc_plan *plan, const struct pc_ini_section *s,
                            struct pc_indicator_def *def)
{
    const char *level = NULL;
    int rc = pc_plan_value(plan, s, "level", 0, &level);
    if (rc == PC_OK)
        rc = pc_plan_value(plan, s, "check", 0, &def->check_class);
    if (rc != PC_OK)
        return rc;
    def->level = 1;
    if (level != NULL &&
        (pc_parse_int(level, &def->level) != 0 || def->level < 1 || def->level > 3))
        return pc_plan_error(plan, pc_plan_key_line(s, "level"),
                             "bad level '%s' in %s: expected 1, 2 or 3 (用地用海 codes of 2, 4 "
                             "or 6 digits)",
                             level, pc_plan_section_label(s));
    if (def->layer->class_field == NULL)
        return pc_plan_error(plan, pc_plan_key_line(s, "layer"),
                             "key 'layer' in %s: [layer %s] needs 'class', the field of its "
                             "land-use codes",
                             pc_plan_section_label(s), def->layer->name);
    if (def->target.set && def->check_class == NULL)
        return pc_plan_error(plan, pc_plan_key_line(s, "target"),
                             "%s has a target but no 'check': name the class it judges "
                             "(e.g. check = 07)",
                             pc_plan_section_label(s));
    if (def->check_class != NULL && pc_ydyh_level(def->check_class) == 0)
        return pc_plan_error(plan, pc_plan_key_line(s, "check"),
                             "check '%s' in %s is not a 用地用海 code of 2, 4 or 6 digits",
                             def->check_class, pc_plan_section_label(s));
    if (def->check_class != NULL && pc_ydyh_level(def->check_class) != def->level)
        return pc_plan_error(plan, pc_plan_key_line(s, "check"),
                             "check '%s' in %s is not a class of level %d: set 'level' to %d "
                             "or check a code of %d digits",
                             def->check_class, pc_plan_section_label(s), def->level,
                             pc_ydyh_level(def->check_class), def->level * 2);
    /* rows carry the share; the class's area is in numerator and in <id>_structure */
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_PERCENT, "%");
}

int pc_plan_build_per_capita(const struct pc_plan *plan, const struct pc_ini_section *s,
                             struct pc_indicator_def *def)
{
    int rc = read_layer(plan, s, "population", &def->population);
    if (rc)
        return rc;
    if (def->population->population == NULL)
        return pc_plan_error(plan, pc_plan_key_line(s, "population"),
                             "key 'population' in %s: [layer %s] has no 'population' field of "
                             "residents (e.g. population = pop)",
                             pc_plan_section_label(s), def->population->name);
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_PER_CAPITA, "m2/person");
}

int pc_plan_build_density(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_indicator_def *def)
{
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_DENSITY, "km/km2");
}

/* Reads `near = a, b` into def->near (owned array of borrowed [layer] defs). */
static int read_near(const struct pc_plan *plan, const struct pc_ini_section *s,
                     struct pc_indicator_def *def)
{
    char **names = NULL;
    size_t n = 0;
    int rc = pc_plan_list(plan, s, "near", &names, &n);
    if (rc == PC_OK && n > 0 && (def->near = calloc(n, sizeof *def->near)) == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; rc == PC_OK && i < n; i++) {
        const struct pc_source_def *d = pc_plan_source(plan, names[i]);
        if (d == NULL || d->is_zones)
            rc = pc_plan_error(plan, pc_plan_key_line(s, "near"),
                               "key 'near' in %s names '%s', which is %s", pc_plan_section_label(s),
                               names[i],
                               d ? "a [zones] section, not a [layer]" : "no [layer] of the plan");
        else
            def->near[def->n_near++] = d;
    }
    pc_plan_list_free(names, n);
    return rc;
}

int pc_plan_build_count(const struct pc_plan *plan, const struct pc_ini_section *s,
                        struct pc_indicator_def *def)
{
    int rc;
    if ((rc = read_near(plan, s, def)) ||
        (rc = read_metres(plan, s, "distance", 0, 1e6, -1, &def->distance)) ||
        (rc = read_area(plan, s, "min_area", 0, &def->min_area)))
        return rc;
    if ((def->near != NULL) != (def->distance >= 0))
        return pc_plan_error(plan, pc_plan_key_line(s, def->near ? "near" : "distance"),
                             "%s: 'near' and 'distance' go together (e.g. near = rivers and "
                             "distance = 500)",
                             pc_plan_section_label(s));
    return pc_plan_check_target_family(plan, s, def, PC_FAMILY_COUNT, "count");
}

/* A walking speed "N m/min", "N km/h" or "N m/s" into *m_per_min; `fallback` when absent. */
static int read_speed(const struct pc_plan *plan, const struct pc_ini_section *s, double fallback,
                      double *m_per_min)
{
    static const struct {
        const char *unit;
        double to_m_per_min;
    } units[] = {{"m/min", 1}, {"km/h", 1000.0 / 60.0}, {"m/s", 60}};
    struct quantity q;
    int rc = read_quantity(plan, s, "speed", &q);
    *m_per_min = fallback;
    if (rc || q.text == NULL)
        return rc;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (q.ok && strcmp(q.unit, units[i].unit) == 0 && q.v > 0 &&
            q.v * units[i].to_m_per_min <= 1000) {
            *m_per_min = q.v * units[i].to_m_per_min;
            return PC_OK;
        }
    return pc_plan_error(plan, pc_plan_key_line(s, "speed"),
                         "bad speed '%s' in %s: expected a positive walking speed in m/min, "
                         "km/h or m/s (e.g. 60 m/min)",
                         q.text, pc_plan_section_label(s));
}

/* The `distance` key and, for `distance = network`, the network keys. */
static int read_walk(const struct pc_plan *plan, const struct pc_ini_section *s,
                     struct pc_indicator_def *def)
{
    static const char *const network_keys[] = {"network", "entrances",      "snap",
                                               "access",  "access_spacing", "width"};
    struct pc_walk_def *w = &def->walk;
    const char *distance = NULL;
    int rc;
    if ((rc = pc_plan_value(plan, s, "distance", 0, &distance)) ||
        (rc = read_speed(plan, s, PC_DEFAULT_WALK_SPEED, &w->speed)))
        return rc;
    pc_radius_set_speed(&def->radius, w->speed);
    if (distance == NULL || strcmp(distance, "straight") == 0) {
        for (size_t i = 0; i < sizeof network_keys / sizeof network_keys[0]; i++)
            if (pc_ini_find(s, network_keys[i]) != NULL)
                return pc_plan_error(plan, pc_plan_key_line(s, network_keys[i]),
                                     "key '%s' in %s needs distance = network", network_keys[i],
                                     pc_plan_section_label(s));
        return PC_OK;
    }
    if (strcmp(distance, "network") != 0)
        return pc_plan_error(plan, pc_plan_key_line(s, "distance"),
                             "bad distance '%s' in %s: expected straight or network", distance,
                             pc_plan_section_label(s));
    w->along_network = 1;
    if ((rc = pc_plan_value(plan, s, "network", 1, &(const char *){NULL})) ||
        (rc = pc_plan_reference(plan, s, "network", 0, &w->network)) ||
        (rc = pc_plan_reference(plan, s, "entrances", 0, &w->entrances)) ||
        (rc = read_metres(plan, s, "snap", 0, 1000, PC_DEFAULT_SNAP, &w->snap)) ||
        (rc = read_metres(plan, s, "access", 0, 10000, PC_DEFAULT_ACCESS, &w->access)) ||
        (rc = read_metres(plan, s, "access_spacing", 0.1, 10000, PC_DEFAULT_ACCESS_SPACING,
                          &w->access_spacing)) ||
        (rc = read_metres(plan, s, "width", 0.1, 10000, PC_DEFAULT_SERVICE_WIDTH, &w->width)))
        return rc;
    return PC_OK;
}

int pc_plan_build_coverage(const struct pc_plan *plan, const struct pc_ini_section *s,
                           struct pc_indicator_def *def)
{
    int rc = read_walk(plan, s, def);
    return rc ? rc : pc_plan_check_target_family(plan, s, def, PC_FAMILY_PERCENT, "%");
}
