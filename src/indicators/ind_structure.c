/* ind_structure.c: kind `structure`, the land-use structure: area and share of every
 * 用地用海 class at code level 1, 2 or 3, for the scope and each zone. Class values are read
 * through the land-use code table (any vocabulary the layer declares); a feature known
 * only at a coarser class than the level counts in that coarser class. Parcels are assumed
 * not to overlap (a land-use layer is a partition). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* The class of features whose code is not in the table. */
static const char unmapped[] = "unmapped";

struct structure {
    size_t n_classes;
    const char **classes; /* borrowed codes, sorted; `unmapped` last */
    size_t *class_of;     /* per feature: index into classes */
    double *area;         /* [region * n_classes + class], m2 */
};

/* The class of a feature at `level`: its code cut to the level, as the table's own copy. */
static const char *class_at_level(const struct pc_codes *codes, const char *code, int level)
{
    if (code == NULL)
        return unmapped;
    size_t want = (size_t)level * 2;
    if (strlen(code) <= want)
        return code;
    char cut[8];
    snprintf(cut, sizeof cut, "%.*s", (int)want, code);
    enum pc_vocabulary ydyh = PC_VOCAB_YDYH;
    const char *parent = pc_codes_map(codes, &ydyh, 1, cut);
    return parent ? parent : unmapped; /* the table has every parent (pc_codes_load) */
}

static int class_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    if (x == unmapped || y == unmapped)
        return (x == unmapped) - (y == unmapped);
    return strcmp(x, y);
}

/* Collects the distinct classes of the layer's features and each feature's class. */
static int find_classes(const struct pc_codes *codes, const struct pc_layer *L, int level,
                        struct structure *s)
{
    s->classes = calloc(L->n + 1, sizeof *s->classes);
    s->class_of = calloc(L->n + 1, sizeof *s->class_of);
    if (s->classes == NULL || s->class_of == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    const char **of = calloc(L->n + 1, sizeof *of);
    if (of == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < L->n; i++) {
        of[i] = class_at_level(codes, L->codes[i], level);
        size_t k = 0;
        while (k < s->n_classes && s->classes[k] != of[i]) /* same string: same pointer */
            k++;
        if (k == s->n_classes)
            s->classes[s->n_classes++] = of[i];
    }
    qsort(s->classes, s->n_classes, sizeof *s->classes, class_cmp);
    for (size_t i = 0; i < L->n; i++) {
        const char **hit = bsearch(&of[i], s->classes, s->n_classes, sizeof *s->classes, class_cmp);
        s->class_of[i] = (size_t)(hit - s->classes);
    }
    free(of);
    return PC_OK;
}

/* Adds every feature's area inside each region to its class. */
static int measure_areas(struct pc_eval *ev, const struct pc_layer *L,
                         const struct pc_regions *regions, struct structure *s)
{
    s->area = calloc(regions->n * (s->n_classes ? s->n_classes : 1), sizeof *s->area);
    if (s->area == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    int rc = PC_OK;
    for (size_t i = 0; rc == PC_OK && i < L->n; i++) {
        for (size_t r = 0; rc == PC_OK && r < regions->n; r++) {
            double area = 0;
            rc = pc_region_clip(ev->g, &regions->items[r], L->geoms[i], &area, NULL);
            s->area[r * s->n_classes + s->class_of[i]] += area;
            if (r == 0 && area == 0)
                break; /* outside the scope: in no zone either */
        }
        if (i % 1000 == 0)
            pc_progress_report(&ev->progress, 0.9 * (double)i / (double)L->n, NULL);
    }
    return rc;
}

/* The table `<id>_structure` (no geometry): a row per region and class. */
static struct pc_table *open_table(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    static const char *const names[] = {"zone",    "level",   "code",     "name",
                                        "area_m2", "area_ha", "share_pct"};
    static const enum pc_col_type types[] = {PC_COL_TEXT, PC_COL_INT,  PC_COL_TEXT, PC_COL_TEXT,
                                             PC_COL_REAL, PC_COL_REAL, PC_COL_REAL};
    struct pc_table *t = pc_eval_output_table(ev, def, "structure");
    if (t != NULL)
        t->has_geometry = 0; /* figures only: the zones table carries the shapes */
    for (size_t c = 0; t != NULL && c < sizeof names / sizeof names[0]; c++)
        if (pc_table_add_column(t, names[c], types[c]) < 0)
            return NULL;
    return t;
}

/* Emits the rows of region r and adds them to table t. */
static int emit_region(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, size_t r, const struct structure *s,
                       struct pc_table *t)
{
    const struct pc_codes *codes = &ev->plan->codes;
    double total = 0;
    for (size_t k = 0; k < s->n_classes; k++)
        total += s->area[r * s->n_classes + k];
    int rc = PC_OK;
    for (size_t k = 0; rc == PC_OK && k < s->n_classes; k++) {
        double area = s->area[r * s->n_classes + k];
        const char *code = s->classes[k];
        struct pc_result row = {.def = def,
                                .zone = (char *)regions->items[r].zone,
                                .measure = code,
                                .value = total > 0 ? 100.0 * area / total : NAN,
                                .unit = PC_UNIT_PERCENT,
                                .numerator = area,
                                .denominator = total,
                                .pop_value = NAN,
                                .pop_numerator = NAN,
                                .pop_denominator = NAN};
        if (def->check_class != NULL && code == def->check_class) {
            row.target = &def->target;
            row.status = pc_target_check(&def->target, row.value);
        }
        char column[160];
        snprintf(column, sizeof column, "%s_%s", def->id, code);
        rc = pc_eval_add_result(ev, def, regions, r, &row, column);
        long tr = rc == PC_OK ? pc_table_add_row(t, ev->g, NULL) : -1;
        if (tr < 0)
            return PC_ERR_RUN;
        const char *zone =
            regions->items[r].zone ? regions->items[r].zone : pc_result_scope_label(&row);
        const char *name = code == unmapped ? "（不在编码表中）" : pc_codes_name(codes, code);
        pc_table_set_int(t, (size_t)tr, 1, pc_ydyh_level(code));
        pc_table_set_real(t, (size_t)tr, 4, area);
        pc_table_set_real(t, (size_t)tr, 5, area / 1e4);
        pc_table_set_real(t, (size_t)tr, 6, row.value);
        if (pc_table_set_text(t, (size_t)tr, 0, zone) ||
            pc_table_set_text(t, (size_t)tr, 2, code) || pc_table_set_text(t, (size_t)tr, 3, name))
            return PC_ERR_RUN;
    }
    return rc;
}

int pc_eval_structure(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    const struct pc_regions *regions = NULL;
    struct pc_layer *L = pc_eval_layer(ev, def->layer);
    struct structure s = {0};
    char msg[256];
    snprintf(msg, sizeof msg, "%s: land-use structure of <%s> at level %d", def->id,
             def->layer->name, def->level);
    pc_progress_report(&ev->progress, 0, msg);
    struct pc_table *t = NULL;
    int rc = pc_eval_regions(ev, def, &regions);
    if (rc == PC_OK)
        rc = find_classes(&ev->plan->codes, L, def->level, &s);
    if (rc == PC_OK)
        rc = measure_areas(ev, L, regions, &s);
    if (rc == PC_OK && (t = open_table(ev, def)) == NULL)
        rc = pc_error_code();
    for (size_t r = 0; rc == PC_OK && r < regions->n; r++)
        rc = emit_region(ev, def, regions, r, &s, t);
    free(s.classes);
    free(s.class_of);
    free(s.area);
    return rc;
}
