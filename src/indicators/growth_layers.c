/* growth_layers.c: the geometry side of kind `growth`: new patches typed by LEI, and the new
 * land that crosses the control lines, as figures per region and as layers clipped to the
 * scope. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/landscape.h"
#include "geo/subdivide.h"
#include "indicators/growth.h"

/* Column indices of the two layers, in the order pc_growth_open_layers() adds them. */
enum { P_PERIOD, P_FROM, P_TO, P_AREA, P_PATCH_AREA, P_LEI, P_TYPE, P_ZONE };
enum { X_PERIOD, X_FROM, X_TO, X_LINE, X_AREA, X_ZONE };

/* Plan-file words of the control lines, as the `line` column writes them. */
static const char *const line_names[PC_GROWTH_LINES] = {"in_redline", "on_farmland",
                                                        "outside_dev_boundary"};

/* Adds the named columns (TEXT when the name is in `texts`) to t. */
static int add_columns(struct pc_table *t, const char *const *names, size_t n, const char *texts)
{
    for (size_t i = 0; i < n; i++) {
        enum pc_col_type type = texts[i] == 't'   ? PC_COL_TEXT
                                : texts[i] == 'i' ? PC_COL_INT
                                                  : PC_COL_REAL;
        if (pc_table_add_column(t, names[i], type) < 0)
            return PC_ERR_RUN;
    }
    return PC_OK;
}

int pc_growth_open_layers(struct pc_growth *gr)
{
    static const char *const patch_cols[] = {"period",        "year_from", "year_to", "area_m2",
                                             "patch_area_m2", "lei",       "type",    "zone"};
    static const char *const cross_cols[] = {"period", "year_from", "year_to",
                                             "line",   "area_m2",   "zone"};
    gr->patches = pc_eval_output_table(gr->ev, gr->def, "new_patches");
    if (gr->patches == NULL || add_columns(gr->patches, patch_cols, 8, "tiirrrtt"))
        return pc_error_code();
    const struct pc_growth_def *gd = &gr->def->growth;
    if (gd->redline == NULL && gd->farmland == NULL && gd->dev_boundary == NULL)
        return PC_OK;
    gr->crossings = pc_eval_output_table(gr->ev, gr->def, "crossings");
    if (gr->crossings == NULL || add_columns(gr->crossings, cross_cols, 6, "tiitrt"))
        return pc_error_code();
    return PC_OK;
}

/* *zone = the zone (region index >= 1) holding most of piece, or 0 when none does. */
static int main_zone(struct pc_growth *gr, const GEOSGeometry *piece, size_t *zone)
{
    double best = 0;
    *zone = 0;
    for (size_t r = 1; r < gr->regions->n; r++) {
        double a = 0;
        int rc = pc_region_clip(gr->ev->g, &gr->regions->items[r], piece, &a, NULL);
        if (rc != PC_OK)
            return rc;
        if (a > best) {
            best = a;
            *zone = r;
        }
    }
    return PC_OK;
}

/* Appends piece (taken) to t with the period columns and zone (a region index, 0 for none);
 * *row is the new row. */
static int add_piece(struct pc_growth *gr, struct pc_table *t, size_t p, GEOSGeometry *piece,
                     size_t zone, long *row)
{
    const struct pc_growth_def *gd = &gr->def->growth;
    int from = gd->layers[gr->periods[p].from]->year, to = gd->layers[gr->periods[p].to]->year;
    double area = pc_geom_area(gr->ev->g, piece);
    if ((*row = pc_table_add_row(t, gr->ev->g, piece)) < 0)
        return PC_ERR_RUN;
    char period[32];
    snprintf(period, sizeof period, "%d-%d", from, to);
    size_t i = (size_t)*row;
    /* both layers start with period, year_from, year_to; area_m2 is column 3 or 4 */
    int area_col = t == gr->patches ? P_AREA : X_AREA;
    int zone_col = t == gr->patches ? P_ZONE : X_ZONE;
    pc_table_set_int(t, i, P_FROM, from);
    pc_table_set_int(t, i, P_TO, to);
    pc_table_set_real(t, i, area_col, area);
    if (pc_table_set_text(t, i, P_PERIOD, period) ||
        pc_table_set_text(t, i, zone_col, zone ? gr->regions->items[zone].zone : NULL))
        return PC_ERR_RUN;
    return PC_OK;
}

/* The pieces of `cross` (borrowed) inside the scope become rows of the crossings layer. */
static int add_crossing_pieces(struct pc_growth *gr, size_t p, int line, const GEOSGeometry *cross)
{
    struct pc_geos *g = gr->ev->g;
    int parts = GEOSGetNumGeometries_r(g->h, cross);
    for (int i = 0; i < parts; i++) {
        GEOSGeometry *piece = NULL;
        double area = 0;
        long row;
        int rc = pc_region_clip(g, &gr->regions->items[0], GEOSGetGeometryN_r(g->h, cross, i),
                                &area, &piece);
        if (piece != NULL && area < gr->def->growth.min_patch) {
            GEOSGeom_destroy_r(g->h, piece); /* a sliver: counted in the figures, not drawn */
            piece = NULL;
        }
        size_t zone = 0;
        if (rc == PC_OK && piece != NULL && (rc = main_zone(gr, piece, &zone)) != PC_OK)
            GEOSGeom_destroy_r(g->h, piece);
        else if (rc == PC_OK && piece != NULL &&
                 (rc = add_piece(gr, gr->crossings, p, piece, zone, &row)) == PC_OK)
            rc = pc_table_set_text(gr->crossings, (size_t)row, X_LINE, line_names[line])
                     ? PC_ERR_RUN
                     : PC_OK;
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

int pc_growth_crossings(struct pc_growth *gr, size_t p, const GEOSGeometry *fresh)
{
    struct pc_geos *g = gr->ev->g;
    for (int l = 0; l < PC_GROWTH_LINES; l++) {
        if (gr->lines[l] == NULL)
            continue;
        GEOSGeometry *cross = NULL;
        int rc = PC_OK;
        if (fresh != NULL)
            rc = l == PC_GROWTH_DEV_BOUNDARY
                     ? pc_geom_difference_polygons(g, fresh, gr->lines[l], &cross)
                     : pc_geom_intersect_polygons(g, fresh, gr->lines[l], &cross);
        for (size_t r = 0; rc == PC_OK && r < gr->regions->n; r++) {
            double area = 0;
            if (cross != NULL)
                rc = pc_region_clip(g, &gr->regions->items[r], cross, &area, NULL);
            pc_growth_set(gr, (enum pc_growth_measure)(PC_GM_IN_REDLINE + l), p, r, area, area,
                          pc_growth_value(gr, PC_GM_NEW, p, r));
        }
        if (rc == PC_OK && cross != NULL)
            rc = add_crossing_pieces(gr, p, l, cross);
        if (cross != NULL)
            GEOSGeom_destroy_r(g->h, cross);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

/* Types a patch is summed under: the three LEI types, then patches below min_patch. */
enum { TYPE_SMALL = 3, N_TYPES = 4 };

/* Measures one new patch: its LEI and type, its area in each region added to sums[type], and
 * its part in the scope as a row of the new-patch layer. */
static int measure_patch(struct pc_growth *gr, size_t p, const struct pc_subdivided *idx,
                         const GEOSGeometry *patch, double *sums)
{
    struct pc_geos *g = gr->ev->g;
    const struct pc_growth_def *gd = &gr->def->growth;
    double whole = pc_geom_area(g, patch), lei = NAN;
    int type = TYPE_SMALL, rc = PC_OK;
    if (whole >= gd->min_patch) {
        rc = pc_lei_of(g, idx, patch, gd->ring, gr->ev->plan->quadrant_segments, &lei);
        type = (int)pc_expansion_of(lei);
    }
    GEOSGeometry *piece = NULL;
    size_t zone = 0; /* the zone holding most of the patch */
    double most = 0;
    for (size_t r = 0; rc == PC_OK && r < gr->regions->n; r++) {
        double area = 0;
        rc = pc_region_clip(g, &gr->regions->items[r], patch, &area, r == 0 ? &piece : NULL);
        sums[(size_t)type * gr->regions->n + r] += area;
        if (r > 0 && area > most) {
            most = area;
            zone = r;
        }
    }
    if (rc != PC_OK || piece == NULL || type == TYPE_SMALL) {
        if (piece != NULL)
            GEOSGeom_destroy_r(g->h, piece);
        return rc;
    }
    long row;
    if ((rc = add_piece(gr, gr->patches, p, piece, zone, &row)) != PC_OK)
        return rc;
    pc_table_set_real(gr->patches, (size_t)row, P_PATCH_AREA, whole);
    pc_table_set_real(gr->patches, (size_t)row, P_LEI, lei);
    return pc_table_set_text(gr->patches, (size_t)row, P_TYPE,
                             pc_expansion_name((enum pc_expansion)type))
               ? PC_ERR_RUN
               : PC_OK;
}

int pc_growth_patches(struct pc_growth *gr, size_t p, const GEOSGeometry *fresh)
{
    struct pc_geos *g = gr->ev->g;
    size_t nr = gr->regions->n;
    double *sums = calloc(N_TYPES * nr, sizeof *sums);
    struct pc_subdivided *idx = NULL;
    int rc = sums ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK && fresh != NULL) {
        idx = pc_subdivide(g, gr->built[gr->periods[p].from]);
        rc = idx ? PC_OK : PC_ERR_RUN;
    }
    int parts = fresh != NULL && rc == PC_OK ? GEOSGetNumGeometries_r(g->h, fresh) : 0;
    for (int i = 0; rc == PC_OK && i < parts; i++)
        rc = measure_patch(gr, p, idx, GEOSGetGeometryN_r(g->h, fresh, i), sums);
    for (int t = 0; rc == PC_OK && t < N_TYPES; t++) {
        if (t == TYPE_SMALL && gr->def->growth.min_patch <= 0)
            break; /* nothing is below a zero threshold */
        for (size_t r = 0; r < nr; r++) {
            double a = sums[(size_t)t * nr + r];
            pc_growth_set(gr, (enum pc_growth_measure)(PC_GM_INFILLING + t), p, r, a, a,
                          pc_growth_value(gr, PC_GM_NEW, p, r));
        }
    }
    pc_subdivided_free(g, idx);
    free(sums);
    return rc;
}
