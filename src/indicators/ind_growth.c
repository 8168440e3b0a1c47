/* ind_growth.c: kind `growth`. Over dated built-up layers it reports, for the scope and each
 * zone: the area of each year with its FRAGSTATS metrics; for each period (consecutive
 * layers, and first to last) the net growth, the gross new area, the compound annual growth
 * rate and the new area inside the red line, on farmland and outside the development
 * boundary; for consecutive periods the new area by expansion type (LEI). The new patches
 * and the control-line crossings become layers (growth_layers.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/landscape.h"
#include "indicators/eval.h"
#include "indicators/growth.h"

/* The cell of (measure m, slot s, region r) in the value grid. */
static struct pc_growth_cell *cell_at(struct pc_growth *gr, enum pc_growth_measure m, size_t s,
                                      size_t r)
{
    return &gr->cells[((size_t)m * gr->n_slots + s) * gr->regions->n + r];
}

double pc_growth_value(const struct pc_growth *gr, enum pc_growth_measure m, size_t slot,
                       size_t region)
{
    const struct pc_growth_cell *c = cell_at((struct pc_growth *)gr, m, slot, region);
    return c->set ? c->value : NAN;
}

void pc_growth_set(struct pc_growth *gr, enum pc_growth_measure m, size_t slot, size_t region,
                   double value, double numerator, double denominator)
{
    struct pc_growth_cell *c = cell_at(gr, m, slot, region);
    c->value = value;
    c->numerator = numerator;
    c->denominator = denominator;
    c->set = 1;
}

/* The built-up area of layer k inside every region, and its landscape metrics there. */
static int measure_year(struct pc_growth *gr, size_t k)
{
    struct pc_geos *g = gr->ev->g;
    const GEOSGeometry *built = gr->built[k];
    int rc = PC_OK;
    for (size_t r = 0; rc == PC_OK && r < gr->regions->n; r++) {
        const struct pc_region *region = &gr->regions->items[r];
        GEOSGeometry *inside = NULL;
        double area = 0;
        if ((rc = pc_region_clip(g, region, built, &area, &inside)))
            break;
        struct pc_landscape_metrics lm;
        rc = pc_landscape_metrics(g, inside, region->unbounded ? NULL : region->geom, &lm);
        if (inside != NULL)
            GEOSGeom_destroy_r(g->h, inside);
        if (rc != PC_OK)
            break;
        if (!region->unbounded && region->geom == NULL)
            lm.pd = lm.lpi = lm.ed = NAN; /* a zone outside the scope has no landscape */
        double A = lm.landscape_m2;
        pc_growth_set(gr, PC_GM_AREA, k, r, area, area, A);
        pc_growth_set(gr, PC_GM_CA, k, r, lm.ca_ha, area, NAN);
        pc_growth_set(gr, PC_GM_NP, k, r, (double)lm.np, NAN, NAN);
        pc_growth_set(gr, PC_GM_PD, k, r, lm.pd, (double)lm.np, A);
        pc_growth_set(gr, PC_GM_LPI, k, r, lm.lpi, NAN, A);
        pc_growth_set(gr, PC_GM_ED, k, r, lm.ed, lm.edge_m, A);
        pc_growth_set(gr, PC_GM_AREA_MN, k, r, lm.area_mn_ha, NAN, NAN);
        pc_growth_set(gr, PC_GM_AREA_AM, k, r, lm.area_am_ha, NAN, NAN);
    }
    return rc;
}

/* Compound annual growth rate in % per year from area a0 to a1 over `years`; NaN when the
 * start is empty. */
static double cagr(double a0, double a1, int years)
{
    if (!(a0 > 0) || years <= 0)
        return NAN;
    return (pow(a1 / a0, 1.0 / years) - 1.0) * 100.0;
}

/* Net growth, gross new area and CAGR of period p in every region; *fresh is the new
 * built-up land of the period (new geometry, caller destroys; NULL when there is none). */
static int measure_period(struct pc_growth *gr, size_t p, GEOSGeometry **fresh)
{
    struct pc_geos *g = gr->ev->g;
    const struct pc_growth_period *per = &gr->periods[p];
    int years = gr->def->growth.layers[per->to]->year - gr->def->growth.layers[per->from]->year;
    int rc = pc_geom_difference_polygons(g, gr->built[per->to], gr->built[per->from], fresh);
    for (size_t r = 0; rc == PC_OK && r < gr->regions->n; r++) {
        double a0 = cell_at(gr, PC_GM_AREA, per->from, r)->value;
        double a1 = cell_at(gr, PC_GM_AREA, per->to, r)->value;
        double added = 0;
        if (*fresh != NULL &&
            (rc = pc_region_clip(g, &gr->regions->items[r], *fresh, &added, NULL)))
            break;
        pc_growth_set(gr, PC_GM_GROWTH, p, r, a1 - a0, a1 - a0, a0);
        pc_growth_set(gr, PC_GM_NEW, p, r, added, added, a0);
        pc_growth_set(gr, PC_GM_CAGR, p, r, cagr(a0, a1, years), a1, a0);
    }
    return rc;
}

/* Unit an area measure is reported in: the target's area unit, else km2. */
static enum pc_unit area_unit(const struct pc_indicator_def *def)
{
    return def->target.set && pc_unit_family(def->target.unit) == PC_FAMILY_AREA ? def->target.unit
                                                                                 : PC_UNIT_KM2;
}

/* Unit of measure m and the divisor from its stored value (m2 for areas) to that unit. */
static enum pc_unit unit_of(const struct pc_indicator_def *def, enum pc_growth_measure m,
                            double *divisor)
{
    *divisor = 1.0;
    switch (m) {
    case PC_GM_CAGR:
    case PC_GM_LPI:
        return PC_UNIT_PERCENT;
    case PC_GM_CA:
    case PC_GM_AREA_MN:
    case PC_GM_AREA_AM:
        return PC_UNIT_HA; /* FRAGSTATS reports these in hectares */
    case PC_GM_NP:
        return PC_UNIT_COUNT;
    case PC_GM_PD:
        return PC_UNIT_PER_100HA;
    case PC_GM_ED:
        return PC_UNIT_M_PER_HA;
    default:
        *divisor = pc_unit_m2(area_unit(def));
        return area_unit(def);
    }
}

/* Zone-table columns carry the headline measures; the metrics stay in indicator_results. */
static int has_column(enum pc_growth_measure m)
{
    return m <= PC_GM_OUTSIDE_DEV && m != PC_GM_NEW && m != PC_GM_SMALL;
}

/* Emits the rows of measure m in slot s (a year index or a period index) for every region. */
static int emit_slot(struct pc_growth *gr, enum pc_growth_measure m, size_t s)
{
    const struct pc_indicator_def *def = gr->def;
    const struct pc_growth_def *gd = &def->growth;
    int from = 0, to;
    if (pc_growth_measure_is_yearly(m)) {
        to = gd->layers[s]->year;
    } else {
        from = gd->layers[gr->periods[s].from]->year;
        to = gd->layers[gr->periods[s].to]->year;
    }
    double divisor;
    enum pc_unit unit = unit_of(def, m, &divisor);
    int judged = def->target.set && m == gd->check && from == gd->from && to == gd->to;
    char column[160];
    if (from)
        snprintf(column, sizeof column, "%s_%s_%d_%d", def->id, pc_growth_measure_name(m), from,
                 to);
    else
        snprintf(column, sizeof column, "%s_%s_%d", def->id, pc_growth_measure_name(m), to);
    for (size_t r = 0; r < gr->regions->n; r++) {
        const struct pc_growth_cell *c = cell_at(gr, m, s, r);
        if (!c->set)
            continue;
        struct pc_result row = {
            .def = def,
            .zone = (char *)gr->regions->items[r].zone,
            .measure = pc_growth_measure_name(m),
            .from = from,
            .to = to,
            .value = c->value / divisor,
            .unit = unit,
            .numerator = c->numerator,
            .denominator = c->denominator,
            .pop_value = NAN,
            .pop_numerator = NAN,
            .pop_denominator = NAN,
        };
        /* like an area target, a growth target is the scope's total */
        if (judged && r == 0) {
            row.target = &def->target;
            row.status = pc_target_check(&def->target, row.value);
        }
        int rc =
            pc_eval_add_result(gr->ev, def, gr->regions, r, &row, has_column(m) ? column : NULL);
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

/* Emits every row: measure by measure, each year or period, scope then zones. */
static int emit_all(struct pc_growth *gr)
{
    int rc = PC_OK;
    for (int m = 0; rc == PC_OK && m < PC_GM_COUNT; m++) {
        size_t slots = pc_growth_measure_is_yearly(m) ? gr->def->growth.n_layers : gr->n_periods;
        for (size_t s = 0; rc == PC_OK && s < slots; s++)
            rc = emit_slot(gr, (enum pc_growth_measure)m, s);
    }
    return rc;
}

/* Loads the dissolved built-up layers and control lines, and lays out periods and cells. */
static int setup(struct pc_growth *gr)
{
    const struct pc_growth_def *gd = &gr->def->growth;
    struct pc_eval *ev = gr->ev;
    size_t n = gd->n_layers;
    gr->n_periods = n - 1 + (n > 2); /* consecutive pairs, then first to last */
    gr->n_slots = n > gr->n_periods ? n : gr->n_periods;
    gr->built = calloc(n, sizeof *gr->built);
    gr->periods = calloc(gr->n_periods, sizeof *gr->periods);
    gr->cells = calloc((size_t)PC_GM_COUNT * gr->n_slots * gr->regions->n, sizeof *gr->cells);
    if (gr->built == NULL || gr->periods == NULL || gr->cells == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i + 1 < n; i++)
        gr->periods[i] = (struct pc_growth_period){i, i + 1, 1};
    if (n > 2)
        gr->periods[n - 1] = (struct pc_growth_period){0, n - 1, 0};
    for (size_t k = 0; k < n; k++)
        if ((gr->built[k] = pc_layer_dissolved(pc_eval_layer(ev, gd->layers[k]), ev->g)) == NULL)
            return PC_ERR_RUN;
    const struct pc_source_def *lines[PC_GROWTH_LINES] = {gd->redline, gd->farmland,
                                                          gd->dev_boundary};
    for (int l = 0; l < PC_GROWTH_LINES; l++)
        if (lines[l] != NULL &&
            (gr->lines[l] = pc_layer_dissolved(pc_eval_layer(ev, lines[l]), ev->g)) == NULL)
            return PC_ERR_RUN;
    return PC_OK;
}

int pc_eval_growth(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct pc_growth gr = {.ev = ev, .def = def};
    const struct pc_growth_def *gd = &def->growth;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: built-up growth %d-%d", def->id, gd->layers[0]->year,
             gd->layers[gd->n_layers - 1]->year);
    pc_progress_report(&ev->progress, 0, msg);
    int rc = pc_eval_regions(ev, def, &gr.regions);
    if (rc == PC_OK)
        rc = setup(&gr);
    if (rc == PC_OK)
        rc = pc_growth_open_layers(&gr);
    for (size_t k = 0; rc == PC_OK && k < gd->n_layers; k++)
        rc = measure_year(&gr, k);
    for (size_t p = 0; rc == PC_OK && p < gr.n_periods; p++) {
        GEOSGeometry *fresh = NULL;
        rc = measure_period(&gr, p, &fresh);
        if (rc == PC_OK)
            rc = pc_growth_crossings(&gr, p, fresh);
        if (rc == PC_OK && gr.periods[p].consecutive)
            rc = pc_growth_patches(&gr, p, fresh);
        if (fresh != NULL)
            GEOSGeom_destroy_r(ev->g->h, fresh);
        pc_progress_report(&ev->progress, (double)(p + 1) / (double)gr.n_periods, NULL);
    }
    if (rc == PC_OK)
        rc = emit_all(&gr);
    free(gr.built);
    free(gr.periods);
    free(gr.cells);
    return rc;
}
