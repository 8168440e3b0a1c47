/* table.c: rows of typed cells with an optional geometry, stored column by column so that
 * indicators can add their columns to a zone table after its rows exist. */
#include "core/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"

/* Records an out-of-memory error; returns -1 for the caller to return. */
static int oom(void)
{
    pc_error(PC_ERR_RUN, "out of memory");
    return -1;
}

struct pc_table *pc_table_new(const char *name, int has_geometry)
{
    struct pc_table *t = calloc(1, sizeof *t);
    if (t != NULL)
        t->name = pc_strdup(name);
    if (t == NULL || t->name == NULL) {
        free(t);
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    t->has_geometry = has_geometry;
    return t;
}

/* Grows one column's arrays to `rows` entries; new entries are NULL cells. */
static int column_fit(struct pc_column *c, size_t old_rows, size_t rows)
{
    union pc_cell *cells = realloc(c->cells, rows * sizeof *cells);
    if (cells == NULL)
        return -1;
    c->cells = cells;
    unsigned char *set = realloc(c->set, rows);
    if (set == NULL)
        return -1;
    c->set = set;
    memset(c->cells + old_rows, 0, (rows - old_rows) * sizeof *cells);
    memset(c->set + old_rows, 0, rows - old_rows);
    return 0;
}

int pc_table_add_column(struct pc_table *t, const char *name, enum pc_col_type type)
{
    if (pc_reserve((void **)&t->cols, &t->col_cap, t->ncols + 1, sizeof *t->cols) != 0)
        return oom();
    struct pc_column *c = &t->cols[t->ncols];
    memset(c, 0, sizeof *c);
    c->name = pc_strdup(name);
    c->type = type;
    if (c->name == NULL || column_fit(c, 0, t->row_cap ? t->row_cap : 1) != 0) {
        free(c->name);
        free(c->cells);
        free(c->set);
        return oom();
    }
    return (int)t->ncols++;
}

int pc_table_find_column(const struct pc_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

long pc_table_add_row(struct pc_table *t, struct pc_geos *g, GEOSGeometry *geom)
{
    if (t->nrows == t->row_cap) {
        size_t cap = t->row_cap ? t->row_cap * 2 : 16;
        GEOSGeometry **geoms = realloc(t->geoms, cap * sizeof *geoms);
        int ok = geoms != NULL;
        if (ok)
            t->geoms = geoms;
        for (size_t i = 0; ok && i < t->ncols; i++)
            ok = column_fit(&t->cols[i], t->row_cap, cap) == 0;
        if (!ok) {
            if (geom != NULL)
                GEOSGeom_destroy_r(g->h, geom);
            return oom();
        }
        t->row_cap = cap;
    }
    t->geoms[t->nrows] = geom;
    return (long)t->nrows++;
}

int pc_table_set_int(struct pc_table *t, size_t row, int col, long long v)
{
    t->cols[col].cells[row].i = v;
    t->cols[col].set[row] = 1;
    return 0;
}

int pc_table_set_real(struct pc_table *t, size_t row, int col, double v)
{
    t->cols[col].cells[row].r = v;
    t->cols[col].set[row] = !isnan(v);
    return 0;
}

int pc_table_set_text(struct pc_table *t, size_t row, int col, const char *v)
{
    struct pc_column *c = &t->cols[col];
    char *copy = NULL;
    if (v != NULL && (copy = pc_strdup(v)) == NULL)
        return oom();
    if (c->set[row])
        free(c->cells[row].s);
    c->cells[row].s = copy;
    c->set[row] = copy != NULL;
    return 0;
}

void pc_table_clear_rows(struct pc_table *t, struct pc_geos *g)
{
    for (size_t i = 0; i < t->ncols; i++) {
        struct pc_column *c = &t->cols[i];
        for (size_t r = 0; r < t->nrows; r++) {
            if (c->type == PC_COL_TEXT && c->set[r])
                free(c->cells[r].s);
            c->set[r] = 0;
            memset(&c->cells[r], 0, sizeof c->cells[r]);
        }
    }
    for (size_t r = 0; t->geoms != NULL && r < t->nrows; r++)
        if (t->geoms[r] != NULL)
            GEOSGeom_destroy_r(g->h, t->geoms[r]);
    t->nrows = 0;
}

int pc_table_set_stream(struct pc_table *t, const struct pc_table_stream *stream, struct pc_geos *g)
{
    t->stream = malloc(sizeof *t->stream);
    if (t->stream == NULL) {
        if (stream->release != NULL)
            stream->release(stream->data, g);
        return oom();
    }
    *t->stream = *stream;
    return 0;
}

size_t pc_table_rows_expected(const struct pc_table *t)
{
    return t->stream != NULL ? t->stream->rows_expected : t->nrows;
}

int pc_table_next_batch(struct pc_table *t, struct pc_geos *g)
{
    pc_table_clear_rows(t, g);
    return t->stream != NULL ? t->stream->fill(t, g, t->stream->data) : PC_OK;
}

void pc_table_free(struct pc_table *t, struct pc_geos *g)
{
    if (t == NULL)
        return;
    if (t->stream != NULL && t->stream->release != NULL)
        t->stream->release(t->stream->data, g);
    free(t->stream);
    pc_table_clear_rows(t, g);
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->cols[i].cells);
        free(t->cols[i].set);
        free(t->cols[i].name);
    }
    free(t->cols);
    free(t->geoms);
    free(t->name);
    free(t);
}

int pc_tables_add(struct pc_tables *ts, struct pc_table *t, struct pc_geos *g)
{
    if (pc_reserve((void **)&ts->items, &ts->cap, ts->n + 1, sizeof *ts->items) != 0) {
        pc_table_free(t, g);
        return oom();
    }
    ts->items[ts->n++] = t;
    return 0;
}

struct pc_table *pc_tables_find(const struct pc_tables *ts, const char *name)
{
    for (size_t i = 0; i < ts->n; i++)
        if (strcmp(ts->items[i]->name, name) == 0)
            return ts->items[i];
    return NULL;
}

void pc_tables_free(struct pc_tables *ts, struct pc_geos *g)
{
    for (size_t i = 0; i < ts->n; i++)
        pc_table_free(ts->items[i], g);
    free(ts->items);
    memset(ts, 0, sizeof *ts);
}
