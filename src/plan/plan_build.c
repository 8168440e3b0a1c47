/* plan_build.c: turns the sections of a plan file into a validated struct pc_plan. Every
 * error names the file, the line and the key or section, and is PC_ERR_USAGE. */
#include "plan/plan.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "core/util.h"
#include "indicators/kinds.h"
#include "plan/plan_internal.h"

static const char *const plan_keys[] = {
    "name", "title", "crs", "scope", "quadrant_segments", "cell_size", "extent", "codes", NULL};
static const char *const layer_keys[] = {"source",     "layer",   "where", "population", "srs",
                                         "encoding",   "role",    "class", "label",      "year",
                                         "vocabulary", "classes", NULL};

/* Plan-file words of enum pc_role, indexed by it. */
static const char *const role_names[] = {"",         "boundary",     "landuse", "redline",
                                         "farmland", "dev_boundary", "builtup", "facility"};

const char *pc_role_name(enum pc_role role)
{
    return (size_t)role < sizeof role_names / sizeof role_names[0] ? role_names[role] : "";
}
static const char *const zones_keys[] = {"source", "layer",    "where", "name",
                                         "srs",    "encoding", NULL};

/* Longest indicator id: it becomes part of table and column names. */
#define PC_ID_MAX 48

int pc_plan_error(const struct pc_plan *plan, int line, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pc_error(PC_ERR_USAGE, "%s:%d: %s", plan->ini.path, line, what);
}

/* Writes "[type name]" or "[type]" of s into buf (size PC_LABEL_MAX) and returns buf. */
#define PC_LABEL_MAX 256
static const char *section_label_into(const struct pc_ini_section *s, char *buf)
{
    if (s->name)
        snprintf(buf, PC_LABEL_MAX, "[%s %s]", s->type, s->name);
    else
        snprintf(buf, PC_LABEL_MAX, "[%s]", s->type);
    return buf;
}

const char *pc_plan_section_label(const struct pc_ini_section *s)
{
    static _Thread_local char label[PC_LABEL_MAX];
    return section_label_into(s, label);
}

static int in_list(const char *const *list, const char *key)
{
    for (; list != NULL && *list != NULL; list++)
        if (strcmp(*list, key) == 0)
            return 1;
    return 0;
}

/* Fails on the first key of s that is in none of the NULL-terminated lists a, b, c. */
static int check_keys(const struct pc_plan *plan, const struct pc_ini_section *s,
                      const char *const *a, const char *const *b, const char *const *c)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct pc_ini_entry *e = &s->entries[i];
        if (!in_list(a, e->key) && !in_list(b, e->key) && !in_list(c, e->key))
            return pc_plan_error(plan, e->line, "unknown key '%s' in %s", e->key,
                                 pc_plan_section_label(s));
        if (e->value[0] == '\0')
            return pc_plan_error(plan, e->line, "key '%s' in %s has no value", e->key,
                                 pc_plan_section_label(s));
    }
    return PC_OK;
}

int pc_plan_value(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                  int required, const char **out)
{
    const struct pc_ini_entry *e = pc_ini_find(s, key);
    *out = e ? e->value : NULL;
    if (e == NULL && required)
        return pc_plan_error(plan, s->line, "missing required key '%s' in %s", key,
                             pc_plan_section_label(s));
    return PC_OK;
}

int pc_plan_reference(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                      int want_zones, const struct pc_source_def **out)
{
    const struct pc_ini_entry *e = pc_ini_find(s, key);
    *out = NULL;
    if (e == NULL)
        return PC_OK;
    const struct pc_source_def *def = pc_plan_source(plan, e->value);
    const char *want = want_zones ? "zones" : "layer";
    if (def == NULL)
        return pc_plan_error(plan, e->line,
                             "key '%s' in %s names [%s %s], which the plan does "
                             "not define",
                             key, pc_plan_section_label(s), want, e->value);
    if (def->is_zones != want_zones)
        return pc_plan_error(plan, e->line,
                             "key '%s' in %s must name a [%s] section, but '%s' is "
                             "a [%s]",
                             key, pc_plan_section_label(s), want, e->value,
                             def->is_zones ? "zones" : "layer");
    *out = def;
    return PC_OK;
}

int pc_plan_list(const struct pc_plan *plan, const struct pc_ini_section *s, const char *key,
                 char ***items, size_t *n)
{
    const char *text = NULL;
    *items = NULL;
    *n = 0;
    if (pc_plan_value(plan, s, key, 0, &text) != PC_OK || text == NULL)
        return PC_OK;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ',';
    char **list = calloc(cap, sizeof *list);
    if (list == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    const char *p = text;
    for (size_t i = 0; i < cap; i++) {
        size_t len = strcspn(p, ",");
        char *item = pc_strfmt("%.*s", (int)len, p);
        char *trimmed = item ? pc_strtrim(item) : NULL;
        free(item);
        if (trimmed == NULL) {
            pc_plan_list_free(list, i);
            return pc_error(PC_ERR_RUN, "out of memory");
        }
        list[i] = trimmed;
        if (trimmed[0] == '\0') {
            pc_plan_list_free(list, i + 1);
            return pc_plan_error(plan, pc_plan_key_line(s, key),
                                 "key '%s' in %s has an empty item in its list '%s'", key,
                                 pc_plan_section_label(s), text);
        }
        p += len + (p[len] == ',');
    }
    *items = list;
    *n = cap;
    return PC_OK;
}

void pc_plan_list_free(char **items, size_t n)
{
    for (size_t i = 0; items != NULL && i < n; i++)
        free(items[i]);
    free(items);
}

int pc_plan_check_target_family(const struct pc_plan *plan, const struct pc_ini_section *s,
                                const struct pc_indicator_def *def, enum pc_unit_family family,
                                const char *units)
{
    if (!def->target.set || pc_unit_family(def->target.unit) == family)
        return PC_OK;
    return pc_plan_error(plan, pc_plan_key_line(s, "target"),
                         "bad target '%s' in %s: %s %s indicator is measured in %s",
                         def->target_text, pc_plan_section_label(s),
                         strchr("aeiou", def->kind->name[0]) ? "an" : "a", def->kind->name, units);
}

static int valid_identifier(const char *id)
{
    if (!isalpha((unsigned char)id[0]) || strlen(id) > PC_ID_MAX)
        return 0;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return 0;
    return 1;
}

/* Nonzero if `name` can name a table and layer of the results database: any text (Chinese,
 * spaces, SQL keywords and semicolons are quoted where they reach SQL) but quotes, which
 * SpatiaLite refuses in a layer's name, and control characters. */
static int valid_table_name(const char *name)
{
    if (name[0] == '\0')
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p == '"' || *p == '\'' || *p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* Nonzero if `name` can be an output file name: letters, digits, '_', '-', '.'. */
static int valid_file_stem(const char *name)
{
    if (name[0] == '\0' || name[0] == '.')
        return 0;
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
            return 0;
    return 1;
}

/* The land-use code keys of a [layer]: vocabulary (default ydyh) and classes, both needing
 * 'class'. The classes are checked against the code table later (pc_plan_load_codes). */
static int build_code_keys(const struct pc_plan *plan, const struct pc_ini_section *s,
                           struct pc_source_def *def)
{
    char **words = NULL;
    size_t n = 0;
    int rc = pc_plan_list(plan, s, "vocabulary", &words, &n);
    def->vocabularies[0] = PC_VOCAB_YDYH;
    def->n_vocabularies = 1;
    if (rc == PC_OK && n > 0) {
        def->n_vocabularies = 0;
        for (size_t i = 0; i < n && rc == PC_OK; i++) {
            enum pc_vocabulary v;
            if (pc_vocabulary_parse(words[i], &v) != 0)
                rc = pc_plan_error(plan, pc_plan_key_line(s, "vocabulary"),
                                   "unknown vocabulary '%s' in %s: expected ydyh (用地用海), "
                                   "sandiao (三调) or gb50137",
                                   words[i], pc_plan_section_label(s));
            else if (def->n_vocabularies < PC_VOCAB_COUNT)
                def->vocabularies[def->n_vocabularies++] = v;
        }
    }
    pc_plan_list_free(words, n);
    if (rc == PC_OK)
        rc = pc_plan_list(plan, s, "classes", &def->classes, &def->n_classes);
    if (rc != PC_OK)
        return rc;
    if ((pc_ini_find(s, "vocabulary") || def->classes) && def->class_field == NULL)
        return pc_plan_error(plan, pc_plan_key_line(s, def->classes ? "classes" : "vocabulary"),
                             "%s selects land-use classes: set 'class' to its code field "
                             "(e.g. class = code)",
                             pc_plan_section_label(s));
    def->maps_codes = def->classes != NULL || pc_ini_find(s, "vocabulary") != NULL;
    return PC_OK;
}

/* The map keys of a [layer]: role, class, label and year, checked against each other. */
static int build_map_keys(const struct pc_plan *plan, const struct pc_ini_section *s,
                          struct pc_source_def *def)
{
    const char *role = NULL, *year = NULL;
    int rc;
    if ((rc = pc_plan_value(plan, s, "role", 0, &role)) ||
        (rc = pc_plan_value(plan, s, "class", 0, &def->class_field)) ||
        (rc = pc_plan_value(plan, s, "label", 0, &def->label_field)) ||
        (rc = pc_plan_value(plan, s, "year", 0, &year)))
        return rc;
    if (role != NULL) {
        size_t i = 1;
        while (i < sizeof role_names / sizeof role_names[0] && strcmp(role, role_names[i]) != 0)
            i++;
        if (i == sizeof role_names / sizeof role_names[0])
            return pc_plan_error(plan, pc_plan_key_line(s, "role"),
                                 "unknown role '%s' in %s: expected boundary, landuse, redline, "
                                 "farmland, dev_boundary, builtup or facility",
                                 role, pc_plan_section_label(s));
        def->role = (enum pc_role)i;
    }
    if (def->role == PC_ROLE_LANDUSE && def->class_field == NULL)
        return pc_plan_error(plan, s->line,
                             "%s has role landuse: set 'class' to its 用地用海 code field "
                             "(e.g. class = code)",
                             pc_plan_section_label(s));
    if (def->role == PC_ROLE_BUILTUP && year == NULL)
        return pc_plan_error(
            plan, s->line,
            "%s has role builtup: set 'year' to the year it shows (e.g. year = 2020)",
            pc_plan_section_label(s));
    if (year != NULL &&
        (pc_parse_int(year, &def->year) != 0 || def->year < 1900 || def->year > 2200))
        return pc_plan_error(plan, pc_plan_key_line(s, "year"),
                             "bad number '%s' for key 'year' in %s: expected a year such as 2020",
                             year, pc_plan_section_label(s));
    return build_code_keys(plan, s, def);
}

static int build_source(struct pc_plan *plan, const struct pc_ini_section *s,
                        struct pc_source_def *def)
{
    int rc;
    def->section = s;
    def->name = s->name;
    def->is_zones = strcmp(s->type, "zones") == 0;
    if (!valid_table_name(def->name))
        return pc_plan_error(plan, s->line,
                             "bad name '%s' in [%s %s]: it names a table of the results, "
                             "which cannot hold quotes or control characters",
                             def->name, s->type, def->name);
    if ((rc = check_keys(plan, s, def->is_zones ? zones_keys : layer_keys, NULL, NULL)))
        return rc;
    if ((rc = pc_plan_value(plan, s, "source", 1, &def->source)) ||
        (rc = pc_plan_value(plan, s, "layer", 0, &def->layer)) ||
        (rc = pc_plan_value(plan, s, "where", 0, &def->where)) ||
        (rc = pc_plan_value(plan, s, "srs", 0, &def->srs)) ||
        (rc = pc_plan_value(plan, s, "encoding", 0, &def->encoding)))
        return rc;
    if (def->is_zones)
        rc = pc_plan_value(plan, s, "name", 1, &def->name_field);
    else if ((rc = pc_plan_value(plan, s, "population", 0, &def->population)) == PC_OK)
        rc = build_map_keys(plan, s, def);
    if (rc)
        return rc;
    def->path = pc_source_is_connection(def->source) ? pc_strdup(def->source)
                                                     : pc_path_join(plan->dir, def->source);
    if (def->path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    return PC_OK;
}

static int build_plan_section(struct pc_plan *plan, const struct pc_ini_section *s)
{
    int rc;
    const char *quadsegs = NULL, *scope = NULL, *cell = NULL;
    if ((rc = check_keys(plan, s, plan_keys, NULL, NULL)) ||
        (rc = pc_plan_value(plan, s, "name", 0, &plan->name)) ||
        (rc = pc_plan_value(plan, s, "title", 0, &plan->title)) ||
        (rc = pc_plan_value(plan, s, "crs", 1, &plan->crs)) ||
        (rc = pc_plan_value(plan, s, "scope", 0, &scope)) ||
        (rc = pc_plan_value(plan, s, "quadrant_segments", 0, &quadsegs)) ||
        (rc = pc_plan_value(plan, s, "cell_size", 0, &cell)))
        return rc;
    if (plan->name != NULL && !valid_file_stem(plan->name))
        return pc_plan_error(plan, pc_plan_key_line(s, "name"),
                             "bad name '%s' in [plan]: it names the output file, so use letters, "
                             "digits, '_', '-' and '.' only",
                             plan->name);
    plan->quadrant_segments = PC_DEFAULT_QUADRANT_SEGMENTS;
    if (quadsegs != NULL && (pc_parse_int(quadsegs, &plan->quadrant_segments) != 0 ||
                             plan->quadrant_segments < 1 || plan->quadrant_segments > 1000))
        return pc_plan_error(plan, pc_plan_key_line(s, "quadrant_segments"),
                             "bad number '%s' for key 'quadrant_segments' in [plan]: expected an "
                             "integer from 1 to 1000",
                             quadsegs);
    plan->cell_size = PC_DEFAULT_CELL_SIZE;
    if (cell != NULL && (pc_parse_double(cell, &plan->cell_size) != 0 ||
                         !(plan->cell_size >= 0.1 && plan->cell_size <= 1000)))
        return pc_plan_error(
            plan, pc_plan_key_line(s, "cell_size"),
            "bad number '%s' for key 'cell_size' in [plan]: expected a raster cell "
            "size in metres from 0.1 to 1000",
            cell);
    if ((rc = pc_plan_reference(plan, s, "scope", 0, &plan->scope)))
        return rc;
    return pc_plan_reference(plan, s, "extent", 0, &plan->extent);
}

static int build_target(const struct pc_plan *plan, const struct pc_ini_section *s,
                        struct pc_indicator_def *def)
{
    int rc = pc_plan_value(plan, s, "target", 0, &def->target_text);
    if (rc || def->target_text == NULL)
        return rc;
    const char *why = NULL;
    int line = pc_plan_key_line(s, "target");
    if (pc_target_parse(def->target_text, &def->target, &why) != 0)
        return pc_plan_error(plan, line, "bad target '%s' in %s: %s", def->target_text,
                             pc_plan_section_label(s), why);
    /* a kind with keys of its own checks its target against them (build_keys) */
    if (def->kind->build_keys != NULL)
        return PC_OK;
    return pc_plan_check_target_family(plan, s, def, def->kind->family,
                                       def->kind->family == PC_FAMILY_AREA
                                           ? "km2 (or ha, m2, mu)"
                                           : pc_unit_name(def->kind->default_unit));
}

static int build_indicator(struct pc_plan *plan, const struct pc_ini_section *s,
                           struct pc_indicator_def *def)
{
    int rc;
    const char *kind = NULL, *year = NULL, *radius = NULL;
    def->section = s;
    def->id = s->name;
    if (!valid_identifier(def->id))
        return pc_plan_error(plan, s->line,
                             "bad indicator id '%s': it names output tables, so use "
                             "a letter then letters, digits or '_' (at most %d)",
                             def->id, PC_ID_MAX);
    if ((rc = pc_plan_value(plan, s, "kind", 1, &kind)))
        return rc;
    def->kind = pc_kind_find(kind);
    if (def->kind == NULL) {
        char names[256] = "";
        for (size_t i = 0, used = 0; i < pc_kind_count() && used < sizeof names; i++)
            used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
                                     i == 0                     ? ""
                                     : i + 1 == pc_kind_count() ? " or "
                                                                : ", ",
                                     pc_kind_at(i)->name);
        return pc_plan_error(plan, pc_plan_key_line(s, "kind"),
                             "unknown kind '%s' in %s: expected %s", kind, pc_plan_section_label(s),
                             names);
    }
    if ((rc = check_keys(plan, s, pc_indicator_common_keys, def->kind->required_keys,
                         def->kind->optional_keys)))
        return rc;
    for (const char *const *k = def->kind->required_keys; *k; k++)
        if ((rc = pc_plan_value(plan, s, *k, 1, &(const char *){NULL})))
            return rc;
    if ((rc = pc_plan_value(plan, s, "title", 0, &def->title)) ||
        (rc = pc_plan_value(plan, s, "source", 0, &def->source)) ||
        (rc = pc_plan_value(plan, s, "quote", 0, &def->quote)) ||
        (rc = pc_plan_value(plan, s, "year", 0, &year)) ||
        (rc = pc_plan_value(plan, s, "radius", 0, &radius)) ||
        (rc = pc_plan_reference(plan, s, "layer", 0, &def->layer)) ||
        (rc = pc_plan_reference(plan, s, "facility", 0, &def->facility)) ||
        (rc = pc_plan_reference(plan, s, "within", 0, &def->within)) ||
        (rc = pc_plan_reference(plan, s, "zones", 1, &def->zones)) ||
        (rc = pc_plan_reference(plan, s, "scope", 0, &def->scope)) ||
        (rc = build_target(plan, s, def)))
        return rc;
    if (def->title == NULL)
        def->title = def->id;
    if (def->scope == NULL)
        def->scope = plan->scope;
    if (year != NULL &&
        (pc_parse_int(year, &def->year) != 0 || def->year < 1900 || def->year > 2200))
        return pc_plan_error(plan, pc_plan_key_line(s, "year"),
                             "bad number '%s' for key 'year' in %s: expected a year such as 2025",
                             year, pc_plan_section_label(s));
    if (radius != NULL) {
        char why[256];
        if (pc_radius_parse(radius, &def->radius, why, sizeof why) != 0)
            return pc_plan_error(plan, pc_plan_key_line(s, "radius"), "bad radius '%s' in %s: %s",
                                 radius, pc_plan_section_label(s), why);
    }
    if (def->kind->build_keys != NULL && (rc = def->kind->build_keys(plan, s, def)))
        return rc;
    if (def->kind->needs_within_or_scope && def->within == NULL && def->scope == NULL &&
        def->zones == NULL)
        return pc_plan_error(plan, s->line,
                             "%s needs a base area: set 'within', 'scope' or "
                             "'zones' (or a scope in [plan])",
                             pc_plan_section_label(s));
    return PC_OK;
}

/* Checks section types and names, and counts sources and indicators. */
static int survey_sections(struct pc_plan *plan, size_t *n_sources, size_t *n_indicators,
                           const struct pc_ini_section **plan_section)
{
    *n_sources = *n_indicators = 0;
    *plan_section = NULL;
    for (size_t i = 0; i < plan->ini.n; i++) {
        const struct pc_ini_section *s = &plan->ini.sections[i];
        int is_source = strcmp(s->type, "layer") == 0 || strcmp(s->type, "zones") == 0;
        int is_indicator = strcmp(s->type, "indicator") == 0;
        if (strcmp(s->type, "plan") == 0) {
            if (*plan_section != NULL)
                return pc_plan_error(plan, s->line,
                                     "second [plan] section (the first is on line "
                                     "%d)",
                                     (*plan_section)->line);
            if (s->name != NULL)
                return pc_plan_error(plan, s->line, "[plan] takes no name, found '[plan %s]'",
                                     s->name);
            *plan_section = s;
            continue;
        }
        if (!is_source && !is_indicator)
            return pc_plan_error(plan, s->line,
                                 "unknown section %s: expected [plan], [layer NAME], "
                                 "[zones NAME] or [indicator ID]",
                                 pc_plan_section_label(s));
        if (s->name == NULL)
            return pc_plan_error(plan, s->line, "section [%s] needs a name: [%s NAME]", s->type,
                                 s->type);
        for (size_t j = 0; j < i; j++) {
            const struct pc_ini_section *t = &plan->ini.sections[j];
            int t_source = strcmp(t->type, "layer") == 0 || strcmp(t->type, "zones") == 0;
            int same_kind = is_source ? t_source : strcmp(t->type, "indicator") == 0;
            if (same_kind && t->name != NULL &&
                (is_source ? strcmp(t->name, s->name) == 0 : pc_strcaseeq(t->name, s->name))) {
                char first[PC_LABEL_MAX];
                return pc_plan_error(plan, s->line, "%s repeats the name of %s on line %d",
                                     pc_plan_section_label(s), section_label_into(t, first),
                                     t->line);
            }
        }
        if (is_source)
            (*n_sources)++;
        else
            (*n_indicators)++;
    }
    if (*plan_section == NULL)
        return pc_plan_error(plan, 1, "no [plan] section: the plan needs at least 'crs'");
    return PC_OK;
}

/* Marks what indicators need of their layers while reading: every attribute of the layers
 * whose conflict pieces are written (overlap, outside), and 用地用海 codes for structure. */
static void mark_layer_needs(struct pc_plan *plan)
{
    for (size_t i = 0; i < plan->n_indicators; i++) {
        const struct pc_indicator_def *d = &plan->indicators[i];
        const struct pc_source_def *keep[] = {d->with || d->boundary ? d->layer : NULL, d->with};
        for (size_t j = 0; j < sizeof keep / sizeof keep[0]; j++)
            if (keep[j] != NULL)
                plan->sources[keep[j] - plan->sources].keep_attributes = 1;
        if (strcmp(d->kind->name, "structure") == 0)
            plan->sources[d->layer - plan->sources].maps_codes = 1;
    }
}

/* The plan file's base name without extension, for a plan without 'name'. */
static const char *default_name(struct pc_plan *plan, char *buf, size_t size)
{
    const char *base = strrchr(plan->ini.path, '/');
    base = base ? base + 1 : plan->ini.path;
    snprintf(buf, size, "%s", base);
    char *dot = strrchr(buf, '.');
    if (dot != NULL && dot != buf)
        *dot = '\0';
    return buf;
}

int pc_plan_load(const char *path, struct pc_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    int rc = pc_ini_read(path, &plan->ini);
    if (rc)
        return rc;
    plan->dir = pc_path_dirname(path);
    if (plan->dir == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");

    size_t n_sources, n_indicators;
    const struct pc_ini_section *plan_section;
    if ((rc = survey_sections(plan, &n_sources, &n_indicators, &plan_section)))
        return rc;
    plan->sources = calloc(n_sources ? n_sources : 1, sizeof *plan->sources);
    plan->indicators = calloc(n_indicators ? n_indicators : 1, sizeof *plan->indicators);
    if (plan->sources == NULL || plan->indicators == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");

    /* sources first: [plan] and indicators refer to them by name */
    for (size_t i = 0; i < plan->ini.n; i++) {
        const struct pc_ini_section *s = &plan->ini.sections[i];
        if (strcmp(s->type, "layer") == 0 || strcmp(s->type, "zones") == 0)
            if ((rc = build_source(plan, s, &plan->sources[plan->n_sources++])))
                return rc;
    }
    plan->section = plan_section;
    if ((rc = build_plan_section(plan, plan_section)))
        return rc;
    for (size_t i = 0; i < plan->ini.n; i++) {
        const struct pc_ini_section *s = &plan->ini.sections[i];
        if (strcmp(s->type, "indicator") == 0)
            if ((rc = build_indicator(plan, s, &plan->indicators[plan->n_indicators++])))
                return rc;
    }
    if (plan->n_indicators == 0)
        return pc_plan_error(plan, plan_section->line, "the plan has no [indicator ID] section");
    mark_layer_needs(plan);
    if ((rc = pc_plan_load_codes(plan)))
        return rc;
    /* what serves a straight-line coverage indicator is drawn as a facility unless the plan
     * says more (walking indicators draw their parcels by distance instead) */
    for (size_t i = 0; i < plan->n_indicators; i++) {
        const struct pc_source_def *f = plan->indicators[i].facility;
        if (f != NULL && f->role == PC_ROLE_NONE && !plan->indicators[i].walk.along_network)
            plan->sources[f - plan->sources].role = PC_ROLE_FACILITY;
    }
    if (plan->name == NULL) {
        char name[128];
        plan->owned_name = pc_strdup(default_name(plan, name, sizeof name));
        if (plan->owned_name == NULL)
            return pc_error(PC_ERR_RUN, "out of memory");
        plan->name = plan->owned_name;
        if (!valid_file_stem(plan->name))
            return pc_plan_error(plan, plan_section->line,
                                 "set 'name' in [plan]: the file name "
                                 "'%s' cannot name the output",
                                 plan->name);
    }
    return PC_OK;
}
