/* layer_attrs.h: every attribute field of a source's features, kept as a table (no
 * geometry) beside the layer, for outputs that carry the source's attributes (conflict
 * pieces). */
#ifndef PC_LAYER_ATTRS_H
#define PC_LAYER_ATTRS_H

#include <ogr_api.h>

#include "core/table.h"

/* A new table named `name` with one column per field of fd: integers as INT, reals as
 * REAL, everything else as TEXT. NULL with pc_error() on out of memory. */
struct pc_table *pc_attrs_new(const char *name, OGRFeatureDefnH fd);

/* Appends a row with the fields of f (texts that are not UTF-8 are repaired and counted in
 * *bad_text). Returns 0, or -1 with pc_error() on out of memory. */
int pc_attrs_add(struct pc_table *t, struct pc_geos *g, OGRFeatureH f, size_t *bad_text);

/* Copies cell (row, col) of `from` into cell (to_row, to_col) of `to`, which has the same
 * column type. Returns 0, or -1 with pc_error() on out of memory. */
int pc_attrs_copy_cell(struct pc_table *to, size_t to_row, int to_col, const struct pc_table *from,
                       size_t row, int col);

#endif
