/* test_growth.c: closed-form cases of the landscape metrics, the LEI of each expansion type,
 * and a growth indicator run on squares whose areas, edges and crossings are known. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "geo/geom.h"
#include "geo/landscape.h"
#include "geo/subdivide.h"
#include "support.h"

#define EXACT 1e-7

/* Dissolved union of a WKT collection: touching polygons become one patch. */
static GEOSGeometry *patches_of(struct pc_geos *g, const char *text)
{
    GEOSGeometry *parts = fx_wkt(g, text);
    GEOSGeometry *u = GEOSUnaryUnion_r(g->h, parts);
    GEOSGeom_destroy_r(g->h, parts);
    assert_non_null(u);
    return u;
}

/* A 1000 m square landscape (100 ha) with four patches: A (1 ha) in a corner, so half its
 * outline is landscape boundary; B (4 ha) inside; C, two 1 ha squares sharing a side, so one
 * 2 ha patch; E (1 ha) meeting B at a corner only, so a patch of its own. */
static void landscape_metrics_of_known_squares(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    GEOSGeometry *land = fx_wkt(g, "POLYGON((0 0,1000 0,1000 1000,0 1000,0 0))");
    GEOSGeometry *patches =
        patches_of(g, "GEOMETRYCOLLECTION(POLYGON((0 0,100 0,100 100,0 100,0 0)),"
                      "POLYGON((300 300,500 300,500 500,300 500,300 300)),"
                      "POLYGON((700 700,800 700,800 800,700 800,700 700)),"
                      "POLYGON((800 700,900 700,900 800,800 800,800 700)),"
                      "POLYGON((500 500,600 500,600 600,500 600,500 500)))");
    struct pc_landscape_metrics m;
    assert_int_equal(pc_landscape_metrics(g, patches, land, &m), PC_OK);
    assert_int_equal(m.np, 4);
    assert_near(m.ca_ha, 8.0, EXACT);
    assert_near(m.landscape_m2, 1e6, EXACT);
    assert_near(m.pd, 4.0, EXACT);  /* 4 patches per 100 ha */
    assert_near(m.lpi, 4.0, EXACT); /* B: 4 ha of 100 */
    /* A 200 (its other 200 m lie on the landscape boundary) + B 800 + C 600 + E 400 */
    assert_near(m.edge_m, 2000.0, EXACT);
    assert_near(m.ed, 20.0, EXACT); /* 2000 m / 100 ha */
    assert_near(m.area_mn_ha, 2.0, EXACT);
    assert_near(m.area_am_ha, (1.0 + 16.0 + 4.0 + 1.0) / 8.0, EXACT);

    /* without a landscape every outline is edge and the per-area metrics are undefined */
    assert_int_equal(pc_landscape_metrics(g, patches, NULL, &m), PC_OK);
    assert_near(m.edge_m, 2200.0, EXACT);
    assert_true(isnan(m.pd) && isnan(m.lpi) && isnan(m.ed));

    /* no patches at all: zeros, and no mean of nothing */
    GEOSGeometry *none = fx_wkt(g, "MULTIPOLYGON EMPTY");
    assert_int_equal(pc_landscape_metrics(g, none, land, &m), PC_OK);
    assert_int_equal(m.np, 0);
    assert_near(m.ca_ha, 0, 0);
    assert_near(m.pd, 0, 0);
    assert_true(isnan(m.area_mn_ha) && isnan(m.area_am_ha));
    GEOSGeom_destroy_r(g->h, none);
    GEOSGeom_destroy_r(g->h, patches);
    GEOSGeom_destroy_r(g->h, land);
    pc_geos_free(g);
}

/* LEI of one patch against `old` with a 10 m ring of 18 segments per quarter circle. */
static double lei_of(struct pc_geos *g, const GEOSGeometry *old, const char *patch_wkt)
{
    struct pc_subdivided *idx = pc_subdivide(g, old);
    assert_non_null(idx);
    GEOSGeometry *patch = fx_wkt(g, patch_wkt);
    double lei = -1;
    assert_int_equal(pc_lei_of(g, idx, patch, 10.0, 18, &lei), PC_OK);
    GEOSGeom_destroy_r(g->h, patch);
    pc_subdivided_free(g, idx);
    return lei;
}

/* The three expansion types on squares. A 10 m buffer with 18 segments per quarter circle
 * rounds each corner with a quarter of a regular 72-gon of radius 10, whose area is
 * q = 18/2 * 10^2 * sin(2 pi / 72). */
static void lei_of_each_expansion_type(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    const double q = 9.0 * 100.0 * sin(2.0 * M_PI / 72.0);

    /* edge: a 100 m square beside the old 100 m square shares one side; the ring holds a
     * 10 x 100 m strip of old land, the corner arcs fall outside it */
    GEOSGeometry *old = fx_wkt(g, "POLYGON((0 0,100 0,100 100,0 100,0 0))");
    double edge = lei_of(g, old, "POLYGON((100 0,200 0,200 100,100 100,100 0))");
    assert_near(edge, 100.0 * 1000.0 / (4000.0 + 4 * q), 1e-9);
    assert_int_equal(pc_expansion_of(edge), PC_EXP_EDGE);

    /* outlying: 200 m away */
    double outlying = lei_of(g, old, "POLYGON((300 0,400 0,400 100,300 100,300 0))");
    assert_near(outlying, 0, 0);
    assert_int_equal(pc_expansion_of(outlying), PC_EXP_OUTLYING);
    GEOSGeom_destroy_r(g->h, old);

    /* infilling: a 100 x 200 m patch fills the notch of a U; the ring holds old strips along
     * three sides (2000 + 2000 + 1000 m2) and the two lower corner arcs */
    old = fx_wkt(g, "POLYGON((0 0,300 0,300 300,200 300,200 100,100 100,100 300,0 300,0 0))");
    double infill = lei_of(g, old, "POLYGON((100 100,200 100,200 300,100 300,100 100))");
    assert_near(infill, 100.0 * (5000.0 + 2 * q) / (6000.0 + 4 * q), 1e-9);
    assert_int_equal(pc_expansion_of(infill), PC_EXP_INFILLING);
    GEOSGeom_destroy_r(g->h, old);

    /* the thresholds themselves */
    assert_int_equal(pc_expansion_of(50.0), PC_EXP_EDGE);
    assert_int_equal(pc_expansion_of(50.000001), PC_EXP_INFILLING);
    assert_int_equal(pc_expansion_of(1e-9), PC_EXP_EDGE);
    assert_string_equal(pc_expansion_name(PC_EXP_OUTLYING), "outlying");
    pc_geos_free(g);
}

/* The row of growth indicator id for (zone, measure, from, to); fails if absent. */
static const struct pc_result *growth_row(const struct fx_run *run, const char *id,
                                          const char *zone, const char *measure, int from, int to)
{
    for (size_t i = 0; i < run->ev.results.n; i++) {
        const struct pc_result *r = &run->ev.results.rows[i];
        if (strcmp(r->def->id, id) == 0 && r->measure && strcmp(r->measure, measure) == 0 &&
            r->from == from && r->to == to &&
            (zone ? r->zone && strcmp(r->zone, zone) == 0 : r->zone == NULL))
            return r;
    }
    fail_msg("no %s row %s %d-%d in zone %s", id, measure, from, to, zone ? zone : "(scope)");
    return NULL;
}

/* A growth run on squares (offsets from FX_X0, FX_Y0; 1 km = 1000):
 *   2015: old town 0..1000 x 0..1000 (100 ha)
 *   2020: + east edge 1000..1500 x 0..1000 (50 ha, one side on the old town)
 *         + outlier 3000..3200 x 0..100 (2 ha, far away; half of it in the red line)
 *   zones: W = x < 1200, E = x >= 1200; scope 0..4000 x -500..1500 (8 km2)
 */
static void growth_indicator_on_squares(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    const struct fx_rect b15[] = {{0, 0, 1000, 1000, "\"year\": 2015"}};
    const struct fx_rect b20[] = {{0, 0, 1500, 1000, "\"year\": 2020"},
                                  {3000, 0, 3200, 100, "\"year\": 2020"}};
    const struct fx_rect red[] = {{3100, -100, 3300, 200, "\"name\": \"R\""}};
    const struct fx_rect zones[] = {{0, -500, 1200, 1500, "\"name\": \"W\""},
                                    {1200, -500, 4000, 1500, "\"name\": \"E\""}};
    const struct fx_rect scope[] = {{0, -500, 4000, 1500, "\"name\": \"S\""}};
    fx_geojson(dir, "b15", b15, 1);
    fx_geojson(dir, "b20", b20, 2);
    fx_geojson(dir, "red", red, 1);
    fx_geojson(dir, "zones", zones, 2);
    fx_geojson(dir, "scope", scope, 1);
    const char *plan = fx_write(dir, "plan.ini",
                                "[plan]\ncrs = EPSG:4544\nscope = scope\n"
                                "[layer scope]\nsource = scope.geojson\n"
                                "[layer b15]\nsource = b15.geojson\nyear = 2015\n"
                                "[layer b20]\nsource = b20.geojson\nyear = 2020\n"
                                "[layer red]\nsource = red.geojson\nrole = redline\n"
                                "[zones z]\nsource = zones.geojson\nname = name\n"
                                "[indicator g]\nkind = growth\nlayers = b15, b20\nzones = z\n"
                                "target = <= 40 ha\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_OK);

    const struct pc_result *r = growth_row(&run, "g", NULL, "area", 0, 2015);
    assert_int_equal(r->unit, PC_UNIT_HA); /* areas in the target's unit */
    assert_near(r->value, 100, EXACT);
    assert_near(growth_row(&run, "g", NULL, "area", 0, 2020)->value, 152, EXACT);
    r = growth_row(&run, "g", NULL, "growth", 2015, 2020);
    assert_near(r->value, 52, EXACT);
    assert_int_equal(r->status, PC_STATUS_FAIL); /* the default check: growth, <= 40 ha */
    assert_near(growth_row(&run, "g", NULL, "cagr", 2015, 2020)->value,
                (pow(152.0 / 100.0, 1.0 / 5) - 1) * 100, 1e-9);
    /* zones: W gets the old town and 200 m of the edge patch, E the rest */
    assert_near(growth_row(&run, "g", "W", "growth", 2015, 2020)->value, 20, EXACT);
    assert_near(growth_row(&run, "g", "E", "growth", 2015, 2020)->value, 32, EXACT);
    assert_null(growth_row(&run, "g", "W", "growth", 2015, 2020)->target);

    /* types: the edge patch's ring (10 m) holds 10 x 1000 m of old land of 3000 m of sides */
    assert_near(growth_row(&run, "g", NULL, "edge", 2015, 2020)->value, 50, EXACT);
    assert_near(growth_row(&run, "g", NULL, "outlying", 2015, 2020)->value, 2, EXACT);
    assert_near(growth_row(&run, "g", NULL, "infilling", 2015, 2020)->value, 0, EXACT);
    assert_near(growth_row(&run, "g", "W", "edge", 2015, 2020)->value, 20, EXACT);

    /* the red line takes the eastern half of the outlier: 100 x 100 m */
    assert_near(growth_row(&run, "g", NULL, "in_redline", 2015, 2020)->value, 1, EXACT);
    assert_near(growth_row(&run, "g", "E", "in_redline", 2015, 2020)->value, 1, EXACT);
    assert_near(growth_row(&run, "g", "W", "in_redline", 2015, 2020)->value, 0, EXACT);

    /* landscape metrics of 2020 in the scope (800 ha): two patches of 150 and 2 ha */
    assert_near(growth_row(&run, "g", NULL, "NP", 0, 2020)->value, 2, 0);
    assert_near(growth_row(&run, "g", NULL, "CA", 0, 2020)->value, 152, EXACT);
    assert_near(growth_row(&run, "g", NULL, "PD", 0, 2020)->value, 2.0 / 800 * 100, EXACT);
    assert_near(growth_row(&run, "g", NULL, "LPI", 0, 2020)->value, 150.0 / 800 * 100, EXACT);
    /* edge: the big patch's 5000 m outline less its 1000 m on the scope's west side, plus
     * the outlier's 600 m */
    assert_near(growth_row(&run, "g", NULL, "ED", 0, 2020)->value, (4000.0 + 600.0) / 800, EXACT);
    assert_near(growth_row(&run, "g", NULL, "AREA_AM", 0, 2020)->value, (150.0 * 150 + 2 * 2) / 152,
                EXACT);

    /* the layers: two new patches with their LEI, one crossing piece */
    const struct pc_table *patches = pc_tables_find(&run.ev.tables, "g_new_patches");
    const struct pc_table *cross = pc_tables_find(&run.ev.tables, "g_crossings");
    assert_non_null(patches);
    assert_non_null(cross);
    assert_int_equal(patches->nrows, 2);
    assert_int_equal(cross->nrows, 1);
    int lei = pc_table_find_column(patches, "lei");
    int type = pc_table_find_column(patches, "type");
    for (size_t i = 0; i < 2; i++) {
        const char *t = patches->cols[type].cells[i].s;
        double v = patches->cols[lei].cells[i].r;
        if (strcmp(t, "edge") == 0) {
            double q = 9.0 * 100.0 * sin(2.0 * M_PI / 72.0);
            assert_near(v, 100.0 * 10000.0 / (30000.0 + 4 * q), 1e-9);
        } else {
            assert_string_equal(t, "outlying");
            assert_near(v, 0, 0);
        }
    }
    fx_run_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(landscape_metrics_of_known_squares),
        cmocka_unit_test(lei_of_each_expansion_type),
        cmocka_unit_test(growth_indicator_on_squares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
