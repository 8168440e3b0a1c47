/* conflict.c: conflict pieces (kinds overlap and outside) as result rows and as layers that
 * carry the attributes of both sides. */
#include "indicators/conflict.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"
#include "indicators/kinds.h"
#include "io/layer_attrs.h"

int pc_pieces_add(struct pc_geos *g, struct pc_pieces *ps, GEOSGeometry *geom, size_t a, size_t b,
                  double sliver)
{
    int n = GEOSGetNumGeometries_r(g->h, geom), rc = PC_OK;
    if (n < 0)
        rc = pc_geos_fail(g, "splitting a conflict into pieces");
    for (int i = 0; rc == PC_OK && i < n; i++) {
        GEOSGeometry *part = GEOSGeom_clone_r(g->h, GEOSGetGeometryN_r(g->h, geom, i));
        if (part == NULL) {
            rc = pc_geos_fail(g, "copying a conflict piece");
        } else if (pc_reserve((void **)&ps->items, &ps->cap, ps->n + 1, sizeof *ps->items)) {
            GEOSGeom_destroy_r(g->h, part);
            rc = pc_error(PC_ERR_RUN, "out of memory");
        } else {
            double area = pc_geom_area(g, part);
            ps->items[ps->n++] = (struct pc_piece){part, area, a, b, area < sliver};
        }
    }
    GEOSGeom_destroy_r(g->h, geom);
    return rc;
}

int pc_conflict_skip(struct pc_geos *g, const struct pc_region *scope, const GEOSGeometry *geom,
                     int *skip)
{
    enum pc_relation rel = PC_REL_INSIDE;
    int rc = PC_OK;
    *skip = !pc_geom_is_polygonal(g, geom);
    if (!*skip && !scope->unbounded) {
        if (scope->prep == NULL)
            *skip = 1; /* the scope has no area */
        else if ((rc = pc_geom_relate(g, scope->prep, geom, &rel)) == PC_OK)
            *skip = rel == PC_REL_OUTSIDE;
    }
    return rc;
}

void pc_pieces_free(struct pc_geos *g, struct pc_pieces *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        if (ps->items[i].geom != NULL)
            GEOSGeom_destroy_r(g->h, ps->items[i].geom);
    free(ps->items);
    memset(ps, 0, sizeof *ps);
}

/* Figures of one region: conflict area and pieces, noise area and pieces. */
struct region_figures {
    double area, noise_area;
    size_t pieces, noise_pieces;
};

/* Columns of a piece layer before the attributes. */
enum { COL_ZONE, COL_AREA, COL_PIECE_AREA, COL_A_FID, N_FIXED };

/* Nonzero if t has a column called `name`, letters compared without case as SQL does. */
static int column_taken(const struct pc_table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcasecmp(t->cols[c].name, name) == 0)
            return 1;
    return 0;
}

/* Adds the attribute columns of layer L, prefixed "<source>_", to t; *first is the index
 * of the first. Returns PC_OK or PC_ERR_RUN. */
static int add_attribute_columns(struct pc_table *t, const struct pc_layer *L, int *first)
{
    char name[256];
    snprintf(name, sizeof name, "%s_fid", L->def->name);
    *first = pc_table_add_column(t, name, PC_COL_INT);
    const struct pc_table *attrs = L->attributes;
    for (size_t c = 0; *first >= 0 && attrs != NULL && c < attrs->ncols; c++) {
        snprintf(name, sizeof name, "%s_%s", L->def->name, attrs->cols[c].name);
        /* a field called fid (or twice the same name in SQL's case-blind eyes) gets a
         * suffix: the columns stay in field order, which copy_attributes relies on */
        for (int k = 2; column_taken(t, name); k++)
            snprintf(name, sizeof name, "%s_%s_%d", L->def->name, attrs->cols[c].name, k);
        if (pc_table_add_column(t, name, attrs->cols[c].type) < 0)
            return PC_ERR_RUN;
    }
    return *first >= 0 ? PC_OK : PC_ERR_RUN;
}

/* A new piece layer `<id>_<what>` with its columns; *b_first is -1 without layer b. */
static struct pc_table *open_piece_layer(struct pc_eval *ev, const struct pc_indicator_def *def,
                                         const char *what, const struct pc_layer *a,
                                         const struct pc_layer *b, int *b_first)
{
    struct pc_table *t = pc_eval_output_table(ev, def, what);
    int a_first = -1;
    *b_first = -1;
    if (t == NULL || pc_table_add_column(t, "zone", PC_COL_TEXT) != COL_ZONE ||
        pc_table_add_column(t, "area_m2", PC_COL_REAL) != COL_AREA ||
        pc_table_add_column(t, "piece_area_m2", PC_COL_REAL) != COL_PIECE_AREA ||
        add_attribute_columns(t, a, &a_first) != PC_OK ||
        (b != NULL && add_attribute_columns(t, b, b_first) != PC_OK))
        return NULL;
    return t;
}

/* Writes the fid and attributes of feature `feature` of L from column `first` of row `row`. */
static int copy_attributes(struct pc_table *t, size_t row, int first, const struct pc_layer *L,
                           size_t feature)
{
    int rc = pc_table_set_int(t, row, first, L->fids[feature]);
    const struct pc_table *attrs = L->attributes;
    for (size_t c = 0; rc == 0 && attrs != NULL && c < attrs->ncols; c++)
        rc = pc_attrs_copy_cell(t, row, first + 1 + (int)c, attrs, feature, (int)c);
    return rc == 0 ? PC_OK : PC_ERR_RUN;
}

/* Adds piece p, clipped to the scope as `clipped` (taken), to layer t with zone `zone`. */
static int write_piece(struct pc_eval *ev, struct pc_table *t, int b_first,
                       const struct pc_piece *p, GEOSGeometry *clipped, double area,
                       const char *zone, const struct pc_layer *a, const struct pc_layer *b)
{
    long row = pc_table_add_row(t, ev->g, clipped);
    if (row < 0)
        return PC_ERR_RUN;
    size_t r = (size_t)row;
    pc_table_set_real(t, r, COL_AREA, area);
    pc_table_set_real(t, r, COL_PIECE_AREA, p->area);
    if (pc_table_set_text(t, r, COL_ZONE, zone) != 0)
        return PC_ERR_RUN;
    int rc = copy_attributes(t, r, COL_A_FID, a, p->a);
    if (rc == PC_OK && b != NULL && p->b != PC_NO_FEATURE)
        rc = copy_attributes(t, r, b_first, b, p->b);
    return rc;
}

/* Area of `u` (may be NULL) in each region into figures[i] (noise or not). */
static int region_areas(struct pc_geos *g, const struct pc_regions *regions, const GEOSGeometry *u,
                        struct region_figures *figures, int noise)
{
    int rc = PC_OK;
    for (size_t i = 0; u != NULL && rc == PC_OK && i < regions->n; i++) {
        double area = 0;
        if (i == 0)
            area = pc_geom_area(g, u); /* already clipped to the scope */
        else
            rc = pc_region_clip(g, &regions->items[i], u, &area, NULL);
        *(noise ? &figures[i].noise_area : &figures[i].area) = area;
    }
    return rc;
}

/* Emits the four rows of region i. */
static int emit_region(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, size_t i, const struct region_figures *f)
{
    struct pc_measure m = pc_measure_none();
    m.value = m.numerator = f->area;
    int rc = pc_eval_emit(ev, def, regions, i, &m);
    static const char *const measures[] = {"pieces", "noise", "noise_pieces"};
    double values[] = {(double)f->pieces, f->noise_area, (double)f->noise_pieces};
    double m2[] = {NAN, f->noise_area, NAN};
    for (size_t k = 0; rc == PC_OK && k < 3; k++) {
        char column[160];
        snprintf(column, sizeof column, "%s_%s", def->id, measures[k]);
        struct pc_result r = {.def = def,
                              .zone = (char *)regions->items[i].zone,
                              .measure = measures[k],
                              .value = values[k],
                              .unit = k == 1 ? PC_UNIT_M2 : PC_UNIT_COUNT,
                              .numerator = m2[k],
                              .denominator = NAN,
                              .pop_value = NAN,
                              .pop_numerator = NAN,
                              .pop_denominator = NAN};
        rc = pc_eval_add_result(ev, def, regions, i, &r, column);
    }
    return rc;
}

/* Clips every piece to the scope, writes it to its layer, counts it in its zone and keeps
 * the clipped copy in kept[noise] for the areas. */
static int place_pieces(struct pc_eval *ev, const struct pc_regions *regions,
                        const struct pc_pieces *ps, struct pc_table *layers[2],
                        const int b_first[2], const struct pc_layer *a, const struct pc_layer *b,
                        struct region_figures *figures, GEOSGeometry **kept[2], size_t n_kept[2])
{
    struct pc_geos *g = ev->g;
    int rc = PC_OK;
    for (size_t k = 0; rc == PC_OK && k < ps->n; k++) {
        const struct pc_piece *p = &ps->items[k];
        GEOSGeometry *clipped = NULL, *copy = NULL, *point = NULL;
        double area = 0;
        if ((rc = pc_region_clip(g, &regions->items[0], p->geom, &area, &clipped)) ||
            clipped == NULL)
            continue;
        if ((point = GEOSPointOnSurface_r(g->h, clipped)) == NULL ||
            (copy = GEOSGeom_clone_r(g->h, clipped)) == NULL) {
            if (point != NULL)
                GEOSGeom_destroy_r(g->h, point);
            GEOSGeom_destroy_r(g->h, clipped);
            rc = pc_geos_fail(g, "placing a conflict piece");
            break;
        }
        size_t zone = pc_regions_zone_of(g, regions, point);
        GEOSGeom_destroy_r(g->h, point);
        kept[p->noise][n_kept[p->noise]++] = copy;
        *(p->noise ? &figures[0].noise_pieces : &figures[0].pieces) += 1;
        if (zone > 0)
            *(p->noise ? &figures[zone].noise_pieces : &figures[zone].pieces) += 1;
        rc = write_piece(ev, layers[p->noise], b_first[p->noise], p, clipped, area,
                         zone > 0 ? regions->items[zone].zone : NULL, a, b);
    }
    return rc;
}

int pc_conflict_report(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, struct pc_pieces *ps,
                       const struct pc_layer *a, const struct pc_layer *b, const char *what)
{
    struct pc_geos *g = ev->g;
    struct pc_table *layers[2];
    int b_first[2];
    struct region_figures *figures = calloc(regions->n, sizeof *figures);
    GEOSGeometry **kept[2] = {malloc((ps->n + 1) * sizeof(GEOSGeometry *)),
                              malloc((ps->n + 1) * sizeof(GEOSGeometry *))};
    size_t n_kept[2] = {0, 0};
    GEOSGeometry *unions[2] = {NULL, NULL};
    int rc = figures && kept[0] && kept[1] ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK &&
        ((layers[0] = open_piece_layer(ev, def, what, a, b, &b_first[0])) == NULL ||
         (layers[1] = open_piece_layer(ev, def, "noise", a, b, &b_first[1])) == NULL))
        rc = pc_error_code();
    if (rc == PC_OK)
        rc = place_pieces(ev, regions, ps, layers, b_first, a, b, figures, kept, n_kept);
    /* one union per kind of piece: pieces of overlapping features count once */
    for (int k = 0; k < 2; k++) {
        if (rc == PC_OK && (unions[k] = pc_geom_union_take(g, kept[k], n_kept[k])) == NULL)
            rc = PC_ERR_RUN;
        else if (rc != PC_OK)
            for (size_t i = 0; kept[k] != NULL && i < n_kept[k]; i++)
                GEOSGeom_destroy_r(g->h, kept[k][i]);
        n_kept[k] = 0;
        if (rc == PC_OK)
            rc = region_areas(g, regions, unions[k], figures, k);
    }
    for (size_t i = 0; rc == PC_OK && i < regions->n; i++)
        rc = emit_region(ev, def, regions, i, &figures[i]);
    for (int k = 0; k < 2; k++) {
        if (unions[k] != NULL)
            GEOSGeom_destroy_r(g->h, unions[k]);
        free(kept[k]);
    }
    free(figures);
    pc_pieces_free(g, ps);
    return rc;
}
