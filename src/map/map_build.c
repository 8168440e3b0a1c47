/* map_build.c: the vector layers of the map: the evaluation's tables, recognised by their
 * origin, and copies of the plan's layers that have a map role. */
#include "map/map_build.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"
#include "map/map_copy.h"

/* Tables of the output database that no layer may be called. */
static const char *const reserved_names[] = {"indicator_results", "run_info",     "map_layers",
                                             "map_classes",       "layer_styles", NULL};

/* Chinese and English words for a role, for layer titles. */
static const char *role_title(enum pc_role role)
{
    switch (role) {
    case PC_ROLE_BOUNDARY:
        return "行政边界";
    case PC_ROLE_LANDUSE:
        return "用地用海";
    case PC_ROLE_REDLINE:
        return "生态保护红线";
    case PC_ROLE_FARMLAND:
        return "永久基本农田";
    case PC_ROLE_DEV_BOUNDARY:
        return "城镇开发边界";
    case PC_ROLE_FACILITY:
        return "设施";
    default:
        return "";
    }
}

static enum pc_style role_style(enum pc_role role)
{
    switch (role) {
    case PC_ROLE_BOUNDARY:
        return PC_STYLE_BOUNDARY;
    case PC_ROLE_LANDUSE:
        return PC_STYLE_LANDUSE;
    case PC_ROLE_REDLINE:
        return PC_STYLE_REDLINE;
    case PC_ROLE_FARMLAND:
        return PC_STYLE_FARMLAND;
    case PC_ROLE_DEV_BOUNDARY:
        return PC_STYLE_DEV_BOUNDARY;
    default:
        return PC_STYLE_FACILITY;
    }
}

/* A distinct value and where it was first seen, for sorting by value. */
struct text_at {
    const char *text;
    size_t index;
};

static int cmp_text_at(const void *a, const void *b)
{
    return strcmp(((const struct text_at *)a)->text, ((const struct text_at *)b)->text);
}

/* Sets *first to a new array of the index of the first occurrence of each distinct non-NULL
 * value of texts[0..n) (*k of them), in first-seen order or, with sort, by value. Returns
 * PC_OK or PC_ERR_RUN. */
static int distinct_values(char *const *texts, size_t n, int sort, size_t **first, size_t *k)
{
    struct text_at *seen = malloc((n ? n : 1) * sizeof *seen);
    *first = malloc((n ? n : 1) * sizeof **first);
    *k = 0;
    if (seen == NULL || *first == NULL) {
        free(seen), free(*first);
        *first = NULL;
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        if (texts[i] == NULL)
            continue;
        size_t j = 0;
        while (j < *k && strcmp(seen[j].text, texts[i]) != 0)
            j++;
        if (j == *k)
            seen[(*k)++] = (struct text_at){texts[i], i};
    }
    if (sort)
        qsort(seen, *k, sizeof *seen, cmp_text_at);
    for (size_t j = 0; j < *k; j++)
        (*first)[j] = seen[j].index;
    free(seen);
    return PC_OK;
}

/* Registers the distinct non-NULL values of texts[0..n) as classes of layer `name`, sorted
 * (sort) or in first-seen order. */
static int add_distinct_classes(struct pc_map *map, const char *name, char *const *texts, size_t n,
                                int sort)
{
    size_t *first, k;
    int rc = distinct_values(texts, n, sort, &first, &k);
    for (size_t j = 0; j < k && rc == PC_OK; j++)
        if (pc_map_add_class(map, name, texts[first[j]], NULL, NULL) != 0)
            rc = PC_ERR_RUN;
    free(first);
    return rc;
}

/* Registers the classes of a role layer's copy: land-use codes (sorted, with the name the
 * data gives them) or facility classes (sorted). */
static int add_scanned_classes(struct pc_map *map, const struct pc_source_def *def,
                               enum pc_style style, const struct pc_class_scan *scan)
{
    for (size_t k = 0; k < scan->n; k++) {
        const struct pc_class_entry *e = &scan->items[k];
        if ((style == PC_STYLE_LANDUSE &&
             pc_map_add_class(map, def->name, e->value, e->value, e->label) != 0) ||
            (style == PC_STYLE_FACILITY && def->class_field != NULL &&
             pc_map_add_class(map, def->name, e->value, NULL, NULL) != 0))
            return PC_ERR_RUN;
    }
    return PC_OK;
}

/* Copies one role layer into the output and registers it. */
static int add_role_layer(struct pc_eval *ev, struct pc_map *map, const struct pc_source_def *def)
{
    struct pc_table *existing = pc_tables_find(&ev->tables, def->name);
    if (existing != NULL)
        return existing->origin == def
                   ? PC_OK /* the scope table: already on the map */
                   : pc_error(PC_ERR_USAGE,
                              "%s:%d: output layer <%s> would be written twice: rename [layer %s]",
                              ev->plan->ini.path, def->section->line, def->name, def->name);
    for (const char *const *r = reserved_names; *r != NULL; r++)
        if (strcmp(*r, def->name) == 0)
            return pc_error(PC_ERR_USAGE,
                            "%s:%d: [layer %s] cannot be copied to the output: <%s> is a table "
                            "plancheck writes; rename the section",
                            ev->plan->ini.path, def->section->line, def->name, def->name);
    struct pc_class_scan scan;
    int rc = pc_class_scan_layer(ev, def, &scan);
    struct pc_table *t = rc == PC_OK ? pc_map_copy_layer(ev, def, scan.polygons) : NULL;
    if (t == NULL || pc_tables_add(&ev->tables, t, ev->g) != 0) {
        pc_class_scan_free(&scan);
        return rc != PC_OK ? rc : pc_error_code();
    }
    if (scan.skipped > 0)
        pc_eval_notice(ev, 1, "layer <%s>: %zu point or line features are not drawn on the map",
                       def->name, scan.skipped);
    char *title = pc_strfmt("%s %s", role_title(def->role), def->name);
    enum pc_style style = role_style(def->role);
    if (title == NULL ||
        pc_map_add_layer(map, def->name, title, 0, style, def->class_field, def->label_field) != 0)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    else
        rc = add_scanned_classes(map, def, style, &scan);
    free(title);
    pc_class_scan_free(&scan);
    return rc;
}

/* Is p one of the plan's sources / indicators? */
static const struct pc_source_def *as_source(const struct pc_plan *plan, const void *p)
{
    for (size_t i = 0; i < plan->n_sources; i++)
        if (p == &plan->sources[i])
            return &plan->sources[i];
    return NULL;
}

static const struct pc_indicator_def *as_indicator(const struct pc_plan *plan, const void *p)
{
    for (size_t i = 0; i < plan->n_indicators; i++)
        if (p == &plan->indicators[i])
            return &plan->indicators[i];
    return NULL;
}

/* Nonzero if s ends with suffix. */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Zone names, in table order, as the classes of zone table t. */
static int add_zone_classes(struct pc_map *map, const struct pc_table *t)
{
    int col = pc_table_find_column(t, "name");
    if (col < 0 || t->cols[col].type != PC_COL_TEXT)
        return PC_OK;
    char **names = malloc((t->nrows ? t->nrows : 1) * sizeof *names);
    if (names == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t r = 0; r < t->nrows; r++)
        names[r] = t->cols[col].set[r] ? t->cols[col].cells[r].s : NULL;
    int rc = add_distinct_classes(map, t->name, names, t->nrows, 0);
    free(names);
    return rc;
}

/* The layers indicators write, by the suffix of their name "<id>_<suffix>". */
static const struct indicator_layer {
    const char *suffix;
    const char *title; /* after the indicator's title in the layer tree */
    enum pc_style style;
} indicator_layers[] = {
    {"_service_area", "服务范围", PC_STYLE_SERVICE_AREA},
    {"_gaps", "未覆盖", PC_STYLE_GAPS},
    {"_new_patches", "新增斑块（扩展类型）", PC_STYLE_NEW_PATCHES},
    {"_crossings", "新增建设越线", PC_STYLE_CROSSINGS},
    {"_conflicts", "冲突图斑", PC_STYLE_CONFLICTS},
    {"_outside", "边界外图斑", PC_STYLE_CONFLICTS},
    {"_noise", "边界碎片（容差以下）", PC_STYLE_NOISE},
    {"_features", "计数要素", PC_STYLE_COUNTED},
    {"_parcels", "步行距离", PC_STYLE_WALK_DISTANCE},
};

/* The kind of indicator layer called `name`, or NULL for a table that is not drawn. */
static const struct indicator_layer *indicator_layer_of(const char *name)
{
    for (size_t i = 0; i < sizeof indicator_layers / sizeof indicator_layers[0]; i++)
        if (ends_with(name, indicator_layers[i].suffix))
            return &indicator_layers[i];
    return NULL;
}

/* Registers one table the evaluation made. */
static int add_eval_table(struct pc_eval *ev, struct pc_map *map, struct pc_table *t)
{
    const struct pc_source_def *src = as_source(ev->plan, t->origin);
    const struct pc_indicator_def *ind = as_indicator(ev->plan, t->origin);
    char *title = NULL;
    int rc = PC_OK;
    if (src != NULL && src->is_zones) {
        title = pc_strfmt("分区 %s", src->name);
        if (title == NULL ||
            pc_map_add_layer(map, t->name, title, 0, PC_STYLE_ZONES, "name", "name") != 0)
            rc = PC_ERR_RUN;
        else
            rc = add_zone_classes(map, t);
    } else if (src != NULL) {
        title = pc_strfmt("范围 %s", src->name);
        if (title == NULL ||
            pc_map_add_layer(map, t->name, title, 0, PC_STYLE_SCOPE, NULL, NULL) != 0)
            rc = PC_ERR_RUN;
    } else if (ind != NULL) {
        const struct indicator_layer *kind = indicator_layer_of(t->name);
        if (kind != NULL && ((title = pc_strfmt("%s：%s", ind->title, kind->title)) == NULL ||
                             pc_map_add_layer(map, t->name, title, 0, kind->style, NULL, NULL)))
            rc = PC_ERR_RUN;
    }
    free(title);
    return rc == PC_OK ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
}

int pc_map_build_vectors(struct pc_eval *ev, struct pc_map *map)
{
    int rc = PC_OK;
    size_t n_eval = ev->tables.n; /* copies are appended after these */
    for (size_t i = 0; i < n_eval && rc == PC_OK; i++)
        if (ev->tables.items[i]->has_geometry)
            rc = add_eval_table(ev, map, ev->tables.items[i]);
    for (size_t i = 0; i < ev->plan->n_sources && rc == PC_OK; i++) {
        const struct pc_source_def *def = &ev->plan->sources[i];
        if (def->role != PC_ROLE_NONE && def->role != PC_ROLE_BUILTUP)
            rc = add_role_layer(ev, map, def);
    }
    return rc;
}
