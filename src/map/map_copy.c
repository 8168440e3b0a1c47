/* map_copy.c: copies of the plan's role layers in the output, and the classes they are drawn
 * by; a streamed source is scanned and copied batch by batch, never held whole. */
#include "map/map_copy.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"

/* Columns of a copy; -1 when absent. */
struct copy_columns {
    int fid, class_, label, area;
};

/* Adds `value` (and `label`, may be NULL) to the scan when new; fills in the label of a value
 * met before without one. Returns PC_OK or PC_ERR_RUN. */
static int scan_add(struct pc_class_scan *scan, const char *value, const char *label)
{
    size_t k = 0;
    while (k < scan->n && strcmp(scan->items[k].value, value) != 0)
        k++;
    if (k == scan->n) {
        if (pc_reserve((void **)&scan->items, &scan->cap, scan->n + 1, sizeof *scan->items))
            return pc_error(PC_ERR_RUN, "out of memory");
        scan->items[k] = (struct pc_class_entry){pc_strdup(value), NULL};
        if (scan->items[k].value == NULL)
            return pc_error(PC_ERR_RUN, "out of memory");
        scan->n++;
    }
    if (scan->items[k].label == NULL && label != NULL &&
        (scan->items[k].label = pc_strdup(label)) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    return PC_OK;
}

/* A pc_batch_fn: adds a batch's classes and counts to the scan. */
static int scan_batch(struct pc_eval *ev, const struct pc_layer *L, size_t first, void *data)
{
    struct pc_class_scan *scan = data;
    int rc = PC_OK;
    (void)first;
    for (size_t i = 0; rc == PC_OK && i < L->n; i++) {
        if (!pc_geom_is_polygonal(ev->g, L->geoms[i]))
            scan->skipped++;
        else
            scan->polygons++;
        if (L->classes != NULL && L->classes[i] != NULL)
            rc = scan_add(scan, L->classes[i], L->labels ? L->labels[i] : NULL);
    }
    return rc;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct pc_class_entry *)a)->value,
                  ((const struct pc_class_entry *)b)->value);
}

int pc_class_scan_layer(struct pc_eval *ev, const struct pc_source_def *def,
                        struct pc_class_scan *scan)
{
    memset(scan, 0, sizeof *scan);
    int rc = pc_eval_each_batch(ev, def, scan_batch, scan, NULL);
    if (rc == PC_OK && scan->n > 1)
        qsort(scan->items, scan->n, sizeof *scan->items, cmp_entry);
    return rc;
}

void pc_class_scan_free(struct pc_class_scan *scan)
{
    for (size_t k = 0; k < scan->n; k++) {
        free(scan->items[k].value);
        free(scan->items[k].label);
    }
    free(scan->items);
    memset(scan, 0, sizeof *scan);
}

/* Appends a row to t for every polygon of L, in order; with `take` the geometries move out
 * of L (left NULL), else they are copied. Returns PC_OK or PC_ERR_RUN. */
static int copy_rows(struct pc_geos *g, struct pc_table *t, const struct copy_columns *c,
                     struct pc_layer *L, int take)
{
    for (size_t i = 0; i < L->n; i++) {
        if (!pc_geom_is_polygonal(g, L->geoms[i]))
            continue;
        double area = pc_geom_area(g, L->geoms[i]);
        GEOSGeometry *geom = take ? L->geoms[i] : GEOSGeom_clone_r(g->h, L->geoms[i]);
        if (geom == NULL)
            return pc_geos_fail(g, "copying a map feature");
        if (take)
            L->geoms[i] = NULL;
        long row = pc_table_add_row(t, g, geom);
        if (row < 0 || pc_table_set_int(t, (size_t)row, c->fid, L->fids[i]) ||
            (c->class_ >= 0 && pc_table_set_text(t, (size_t)row, c->class_, L->classes[i])) ||
            (c->label >= 0 && pc_table_set_text(t, (size_t)row, c->label, L->labels[i])) ||
            pc_table_set_real(t, (size_t)row, c->area, area))
            return PC_ERR_RUN;
    }
    return PC_OK;
}

/* The stream of a streamed copy: the source read again, one batch per fill. */
struct copy_stream {
    struct pc_eval *ev; /* borrowed: the run's, alive until the database is written */
    const struct pc_source_def *def;
    struct copy_columns cols;
    struct pc_layer_reader *reader; /* owned; opened at the first fill */
};

/* The pc_table_stream fill: rows of the next batch with polygons, or none at the end. */
static int copy_fill(struct pc_table *t, struct pc_geos *g, void *data)
{
    struct copy_stream *s = data;
    int rc = PC_OK;
    if (s->reader == NULL)
        rc = pc_layer_open(s->ev->plan, s->def, s->ev->srs, g, &s->reader);
    while (rc == PC_OK && t->nrows == 0 && !pc_layer_reader_done(s->reader)) {
        struct pc_layer *batch = NULL;
        rc = pc_layer_reader_next(s->reader, pc_eval_batch_size(), NULL, &batch);
        if (rc == PC_OK)
            rc = copy_rows(g, t, &s->cols, batch, 1);
        pc_layer_free(batch, g);
    }
    return rc;
}

static void copy_release(void *data, struct pc_geos *g)
{
    struct copy_stream *s = data;
    (void)g;
    pc_layer_reader_close(s->reader);
    free(s);
}

struct pc_table *pc_map_copy_layer(struct pc_eval *ev, const struct pc_source_def *def,
                                   size_t expected_rows)
{
    struct pc_geos *g = ev->g;
    struct copy_columns c = {-1, -1, -1, -1};
    struct pc_table *t = pc_table_new(def->name, 1);
    if (t == NULL || (c.fid = pc_table_add_column(t, "source_fid", PC_COL_INT)) < 0 ||
        (def->class_field != NULL &&
         (c.class_ = pc_table_add_column(t, def->class_field, PC_COL_TEXT)) < 0) ||
        (def->label_field != NULL &&
         (def->class_field == NULL || strcmp(def->label_field, def->class_field) != 0) &&
         (c.label = pc_table_add_column(t, def->label_field, PC_COL_TEXT)) < 0) ||
        (c.area = pc_table_add_column(t, "area_m2", PC_COL_REAL)) < 0)
        goto fail;
    t->origin = def;
    if (!pc_eval_is_streamed(ev, def)) {
        if (copy_rows(g, t, &c, pc_eval_layer(ev, def), 0) != PC_OK)
            goto fail;
        return t;
    }
    struct copy_stream *s = calloc(1, sizeof *s);
    if (s == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        goto fail;
    }
    *s = (struct copy_stream){.ev = ev, .def = def, .cols = c};
    struct pc_table_stream stream = {copy_fill, copy_release, s, expected_rows};
    if (pc_table_set_stream(t, &stream, g) != 0)
        goto fail;
    return t;
fail:
    pc_table_free(t, g);
    return NULL;
}
