/* layer_attrs.c: reading all attribute fields of OGR features into a table. */
#include "io/layer_attrs.h"

#include <stdlib.h>

#include "core/error.h"
#include "core/utf8.h"

struct pc_table *pc_attrs_new(const char *name, OGRFeatureDefnH fd)
{
    struct pc_table *t = pc_table_new(name, 0);
    int n = OGR_FD_GetFieldCount(fd);
    for (int i = 0; t != NULL && i < n; i++) {
        OGRFieldDefnH field = OGR_FD_GetFieldDefn(fd, i);
        OGRFieldType type = OGR_Fld_GetType(field);
        enum pc_col_type col = type == OFTInteger || type == OFTInteger64 ? PC_COL_INT
                               : type == OFTReal                          ? PC_COL_REAL
                                                                          : PC_COL_TEXT;
        if (pc_table_add_column(t, OGR_Fld_GetNameRef(field), col) < 0) {
            pc_table_free(t, NULL);
            t = NULL;
        }
    }
    return t;
}

int pc_attrs_add(struct pc_table *t, struct pc_geos *g, OGRFeatureH f, size_t *bad_text)
{
    long row = pc_table_add_row(t, g, NULL);
    if (row < 0)
        return -1;
    for (size_t c = 0; c < t->ncols; c++) {
        int field = (int)c, rc = 0;
        if (!OGR_F_IsFieldSetAndNotNull(f, field))
            continue;
        switch (t->cols[c].type) {
        case PC_COL_INT:
            rc = pc_table_set_int(t, (size_t)row, field, OGR_F_GetFieldAsInteger64(f, field));
            break;
        case PC_COL_REAL:
            rc = pc_table_set_real(t, (size_t)row, field, OGR_F_GetFieldAsDouble(f, field));
            break;
        case PC_COL_TEXT: {
            const char *text = OGR_F_GetFieldAsString(f, field);
            if (pc_utf8_valid(text)) {
                rc = pc_table_set_text(t, (size_t)row, field, text);
            } else {
                char *fixed = pc_utf8_repair(text);
                rc = fixed ? pc_table_set_text(t, (size_t)row, field, fixed)
                           : pc_error(PC_ERR_RUN, "out of memory");
                free(fixed);
                (*bad_text)++;
            }
            break;
        }
        }
        if (rc != 0)
            return -1;
    }
    return 0;
}

int pc_attrs_copy_cell(struct pc_table *to, size_t to_row, int to_col, const struct pc_table *from,
                       size_t row, int col)
{
    const struct pc_column *c = &from->cols[col];
    if (!c->set[row])
        return 0;
    switch (c->type) {
    case PC_COL_INT:
        return pc_table_set_int(to, to_row, to_col, c->cells[row].i);
    case PC_COL_REAL:
        return pc_table_set_real(to, to_row, to_col, c->cells[row].r);
    case PC_COL_TEXT:
        return pc_table_set_text(to, to_row, to_col, c->cells[row].s);
    }
    return 0;
}
