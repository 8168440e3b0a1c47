/* text_grid.c: aligned text tables for the report. */
#include "io/text_grid.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/util.h"

struct pc_text_grid *pc_text_grid_new(size_t ncols, const char *const *headers)
{
    struct pc_text_grid *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->ncols = ncols;
    t->right = calloc(ncols, 1);
    t->shown = malloc(ncols);
    if (t->right == NULL || t->shown == NULL || pc_text_grid_add_row(t) < 0) {
        pc_text_grid_free(t);
        return NULL;
    }
    memset(t->shown, 1, ncols);
    for (size_t c = 0; c < ncols; c++)
        if (pc_text_grid_set(t, 0, c, "%s", headers[c]) != 0) {
            pc_text_grid_free(t);
            return NULL;
        }
    return t;
}

long pc_text_grid_add_row(struct pc_text_grid *t)
{
    if (pc_reserve((void **)&t->cells, &t->cap, (t->nrows + 1) * t->ncols, sizeof *t->cells))
        return -1;
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof *t->cells);
    return (long)t->nrows++;
}

int pc_text_grid_set(struct pc_text_grid *t, size_t row, size_t col, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *copy = pc_strdup(buf);
    if (copy == NULL)
        return -1;
    free(t->cells[row * t->ncols + col]);
    t->cells[row * t->ncols + col] = copy;
    return 0;
}

int pc_text_grid_print(const struct pc_text_grid *t, FILE *out)
{
    int *width = calloc(t->ncols, sizeof *width);
    if (width == NULL)
        return -1;
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            int w = pc_utf8_width(s ? s : "");
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        char *const *row = &t->cells[r * t->ncols];
        size_t end = 0; /* one past the last shown column with text: no trailing spaces */
        for (size_t c = 0; c < t->ncols; c++)
            if (t->shown[c] && row[c] != NULL && row[c][0] != '\0')
                end = c + 1;
        int first = 1;
        for (size_t c = 0; c < end; c++) {
            if (!t->shown[c])
                continue;
            if (!first)
                fputs("  ", out);
            first = 0;
            int pad = c + 1 == end && !t->right[c] ? 0 : width[c];
            pc_utf8_pad(out, row[c] ? row[c] : "", pad, t->right[c]);
        }
        fputc('\n', out);
    }
    free(width);
    return ferror(out) ? -1 : 0;
}

void pc_text_grid_free(struct pc_text_grid *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t->right);
    free(t->shown);
    free(t);
}
