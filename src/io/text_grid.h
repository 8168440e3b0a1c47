/* text_grid.h: a grid of text cells printed as an aligned table, for the stdout report. Widths
 * count display columns, so Chinese names line up. */
#ifndef PC_TEXT_GRID_H
#define PC_TEXT_GRID_H

#include <stddef.h>
#include <stdio.h>

struct pc_text_grid {
    size_t ncols, nrows, cap;
    char **cells;         /* owned, row-major; NULL prints as empty */
    unsigned char *right; /* per column: right-aligned */
    unsigned char *shown; /* per column: printed (all by default) */
};

/* A new grid of ncols columns whose first row is `headers` (copied). NULL on out of memory. */
struct pc_text_grid *pc_text_grid_new(size_t ncols, const char *const *headers);

/* Appends an empty row; returns its index, or -1 on out of memory. */
long pc_text_grid_add_row(struct pc_text_grid *t);

/* Sets cell (row, col) to the printf-formatted text. Returns 0, or -1 on out of memory. */
int pc_text_grid_set(struct pc_text_grid *t, size_t row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Prints the grid, two spaces between columns, no trailing spaces. Returns 0, or -1 on a write
 * error. */
int pc_text_grid_print(const struct pc_text_grid *t, FILE *out);

/* Frees the grid; NULL is fine. */
void pc_text_grid_free(struct pc_text_grid *t);

#endif
