/* table.h: a table of rows with an optional polygon geometry, built by the indicators and
 * written by the writers, which know nothing else about where its contents came from. */
#ifndef PC_TABLE_H
#define PC_TABLE_H

#include <stddef.h>

#include "geo/geos_ctx.h"

enum pc_col_type { PC_COL_INT, PC_COL_REAL, PC_COL_TEXT };

union pc_cell {
    long long i;
    double r;
    char *s; /* owned */
};

struct pc_column {
    char *name;
    enum pc_col_type type;
    union pc_cell *cells;
    unsigned char *set; /* 0: NULL */
};

struct pc_table;

/* Where the rows of a streamed table come from: a table too large to hold (a copy of the
 * land-use parcels) is filled batch by batch while it is written. */
struct pc_table_stream {
    /* Appends the next batch of rows to t (emptied before each call); leaves t empty at the
     * end. Returns PC_OK, or an error with pc_error() set. */
    int (*fill)(struct pc_table *t, struct pc_geos *g, void *data);
    void (*release)(void *data, struct pc_geos *g); /* frees data; may be NULL */
    void *data;
    size_t rows_expected; /* rows in all, for progress */
};

struct pc_table {
    char *name;         /* output table / layer name */
    const void *origin; /* what made it (a plan section), to catch two makers of one name */
    int has_geometry;   /* rows carry a (multi)polygon geometry */
    size_t ncols, col_cap;
    struct pc_column *cols;
    size_t nrows, row_cap;
    GEOSGeometry **geoms;           /* owned; NULL entries are NULL geometries */
    struct pc_table_stream *stream; /* owned; NULL: every row is in the table */
};

/* A new empty table; free with pc_table_free(). NULL with pc_error() on out of memory. */
struct pc_table *pc_table_new(const char *name, int has_geometry);

/* Adds a column (every existing row NULL in it). Returns its index, or -1 with pc_error(). */
int pc_table_add_column(struct pc_table *t, const char *name, enum pc_col_type type);

/* Index of column `name`, or -1. */
int pc_table_find_column(const struct pc_table *t, const char *name);

/* Appends a row with every column NULL, taking `geom` (may be NULL). Returns the row index,
 * or -1 with pc_error() (then geom has been destroyed). */
long pc_table_add_row(struct pc_table *t, struct pc_geos *g, GEOSGeometry *geom);

/* Setters of one cell; pc_table_set_text copies v (NULL sets NULL). Return 0, or -1 with
 * pc_error() on out of memory. A NaN real is stored as NULL. */
int pc_table_set_int(struct pc_table *t, size_t row, int col, long long v);
int pc_table_set_real(struct pc_table *t, size_t row, int col, double v);
int pc_table_set_text(struct pc_table *t, size_t row, int col, const char *v);

/* Removes every row (cells and geometries freed), keeping the columns. */
void pc_table_clear_rows(struct pc_table *t, struct pc_geos *g);

/* Makes t a streamed table, taking `stream` (a copy is kept; its data is released with the
 * table). Returns 0, or -1 with pc_error() (then stream's data has been released). */
int pc_table_set_stream(struct pc_table *t, const struct pc_table_stream *stream,
                        struct pc_geos *g);

/* The rows the table will write: nrows, or a streamed table's expected rows. */
size_t pc_table_rows_expected(const struct pc_table *t);

/* Replaces the rows of a streamed table with its next batch (none at the end, and always
 * none for a table that is not streamed). Returns PC_OK or the stream's error. */
int pc_table_next_batch(struct pc_table *t, struct pc_geos *g);

/* Frees the table, its cells and geometries; NULL is fine. */
void pc_table_free(struct pc_table *t, struct pc_geos *g);

/* An ordered list of tables that owns them. */
struct pc_tables {
    size_t n, cap;
    struct pc_table **items;
};

/* Appends t, taking it. Returns 0, or -1 with pc_error() (then t is freed). */
int pc_tables_add(struct pc_tables *ts, struct pc_table *t, struct pc_geos *g);

/* The table called `name`, or NULL. Borrowed. */
struct pc_table *pc_tables_find(const struct pc_tables *ts, const char *name);

/* Frees every table and the list itself (not the struct). */
void pc_tables_free(struct pc_tables *ts, struct pc_geos *g);

#endif
