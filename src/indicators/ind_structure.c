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
#include "core/util.h"
#include "geo/geom.h"
#include "indicators/eval.h"

/* The class of features whose code is not in the table. */
static const char unmapped[] = "unmapped";

struct structure {
    const struct pc_codes *codes;
    int level;
    const struct pc_regions *regions;
    size_t n_classes, cap_classes;
    const char **classes; /* borrowed codes in the order met; `unmapped` among them */
    double **area;        /* [class][region], m2; owned */
    size_t *order;        /* classes sorted by code, `unmapped` last (set after measuring) */
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

/* Sets *k to the index of class `cls` (one of the code table's strings, or `unmapped`),
 * adding it with zero areas when it is new. Returns PC_OK or PC_ERR_RUN. */
static int class_index(struct structure *s, const char *cls, size_t *k)
{
    for (*k = 0; *k < s->n_classes; (*k)++)
        if (s->classes[*k] == cls) /* same string: same pointer */
            return PC_OK;
    if (pc_reserve((void **)&s->classes, &s->cap_classes, s->n_classes + 1, sizeof *s->classes) !=
        0)
        return pc_error(PC_ERR_RUN, "out of memory");
    double **area = realloc(s->area, s->cap_classes * sizeof *area);
    if (area == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    s->area = area;
    if ((s->area[s->n_classes] = calloc(s->regions->n, sizeof **s->area)) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    s->classes[s->n_classes++] = cls;
    return PC_OK;
}

/* A pc_batch_fn: adds every feature's area inside each region to its class, the features in
 * source order (so sums do not depend on the batch size). */
static int measure_batch(struct pc_eval *ev, const struct pc_layer *L, size_t first, void *data)
{
    struct structure *s = data;
    const struct pc_regions *regions = s->regions;
    int rc = PC_OK;
    (void)first;
    for (size_t i = 0; rc == PC_OK && i < L->n; i++) {
        size_t k;
        if ((rc = class_index(s, class_at_level(s->codes, L->codes[i], s->level), &k)) != PC_OK)
            break;
        for (size_t r = 0; rc == PC_OK && r < regions->n; r++) {
            double area = 0;
            rc = pc_region_clip(ev->g, &regions->items[r], L->geoms[i], &area, NULL);
            s->area[k][r] += area;
            if (r == 0 && area == 0)
                break; /* outside the scope: in no zone either */
        }
    }
    return rc;
}

/* A class and its index in struct structure, for sorting. */
struct class_ref {
    const char *code;
    size_t k;
};

/* Code order, `unmapped` last. */
static int class_cmp(const void *a, const void *b)
{
    const char *x = ((const struct class_ref *)a)->code, *y = ((const struct class_ref *)b)->code;
    if (x == unmapped || y == unmapped)
        return (x == unmapped) - (y == unmapped);
    return strcmp(x, y);
}

/* Sets s->order: the classes' indices in code order. */
static int sort_classes(struct structure *s)
{
    size_t n = s->n_classes ? s->n_classes : 1;
    struct class_ref *refs = malloc(n * sizeof *refs);
    s->order = malloc(n * sizeof *s->order);
    if (refs == NULL || s->order == NULL) {
        free(refs);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    for (size_t k = 0; k < s->n_classes; k++)
        refs[k] = (struct class_ref){s->classes[k], k};
    if (s->n_classes > 1)
        qsort(refs, s->n_classes, sizeof *refs, class_cmp);
    for (size_t j = 0; j < s->n_classes; j++)
        s->order[j] = refs[j].k;
    free(refs);
    return PC_OK;
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
    for (size_t j = 0; j < s->n_classes; j++)
        total += s->area[s->order[j]][r];
    int rc = PC_OK;
    for (size_t j = 0; rc == PC_OK && j < s->n_classes; j++) {
        double area = s->area[s->order[j]][r];
        const char *code = s->classes[s->order[j]];
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
    struct structure s = {.codes = &ev->plan->codes, .level = def->level};
    char msg[256];
    snprintf(msg, sizeof msg, "%s: land-use structure of <%s> at level %d", def->id,
             def->layer->name, def->level);
    pc_progress_report(&ev->progress, 0, msg);
    struct pc_progress measuring = pc_progress_slice(&ev->progress, 0.0, 0.9);
    struct pc_table *t = NULL;
    int rc = pc_eval_regions(ev, def, &s.regions);
    if (rc == PC_OK)
        rc = pc_eval_each_batch(ev, def->layer, measure_batch, &s, &measuring);
    if (rc == PC_OK)
        rc = sort_classes(&s);
    if (rc == PC_OK && (t = open_table(ev, def)) == NULL)
        rc = pc_error_code();
    for (size_t r = 0; rc == PC_OK && r < s.regions->n; r++)
        rc = emit_region(ev, def, s.regions, r, &s, t);
    for (size_t k = 0; k < s.n_classes; k++)
        free(s.area[k]);
    free(s.area);
    free(s.classes);
    free(s.order);
    return rc;
}
