/* test_geometry.c: closed-form cases for the kinds coverage, area and share, through the
 * library: squares whose covered areas are known exactly, because residential squares sit on
 * the straight sides of a square park's buffer, where the buffer has no arc to approximate. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "geo/parallel.h"
#include "geo/subdivide.h"
#include "geo/union_parallel.h"
#include "support.h"

/* Exact figures are computed to floating-point noise only. */
#define EXACT 1e-7

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The layout (metres from FX_X0, FX_Y0):
 *   park "big"   100 x 100 at (0,0)-(100,100): 10000 m2 -> radius 500, serves x in [-500,600]
 *                for y in [0,100]
 *   park "mid"    50 x 50  at (0,3000)-(50,3050): 2500 m2 -> radius 300, serves x <= 350
 *   park "pocket" 30 x 30  at (2150,0): 900 m2, below 2000 m2: must not count (it lies 100 m
 *                from R3 and would cover part of it)
 *   R1 (500,0)-(700,100)    20000 m2, pop 100: half inside (x <= 600) = 10000 covered
 *   R2 (-300,20)-(-200,80)   6000 m2, pop 60: wholly covered
 *   R3 (2000,0)-(2100,100)  10000 m2, pop 200: not covered
 *   R4 (200,3000)-(400,3050) 10000 m2, pop 40: x <= 350 covered = 7500
 *   a commercial parcel (code 0901) that the filter drops
 *   zone A x < 650, zone B x >= 650 (splits R1 at x = 650); scope x <= 2050 (halves R3). */
static const struct fx_rect parks[] = {
    {0, 0, 100, 100, "\"name\": \"big\""},
    {2150, 0, 2180, 30, "\"name\": \"pocket\""},
    {0, 3000, 50, 3050, "\"name\": \"mid\""},
};
static const struct fx_rect landuse[] = {
    {500, 0, 700, 100, "\"code\": \"070101\", \"pop\": 100"},
    {-300, 20, -200, 80, "\"code\": \"070101\", \"pop\": 60"},
    {2000, 0, 2100, 100, "\"code\": \"070102\", \"pop\": 200"},
    {200, 3000, 400, 3050, "\"code\": \"070101\", \"pop\": 40"},
    {-500, -500, -400, -400, "\"code\": \"0901\", \"pop\": 0"},
};
static const struct fx_rect zones[] = {
    {-1000, -1000, 650, 4000, "\"name\": \"A\""},
    {650, -1000, 3000, 4000, "\"name\": \"B\""},
};
static const struct fx_rect scope[] = {{-1000, -1000, 2050, 4000, "\"name\": \"s\""}};

static const char plan_head[] = "[plan]\nname = cf\ncrs = EPSG:4544\n%s\n"
                                "[layer scope]\nsource = scope.geojson\n"
                                "[layer parks]\nsource = parks.geojson\n"
                                "[layer residential]\nsource = landuse.geojson\n"
                                "where = code LIKE '0701%%'\npopulation = pop\n"
                                "[zones z]\nsource = zones.geojson\nname = name\n";

/* Writes the fixture layers and a plan with `plan_extra` in [plan] and `indicators`. */
static const char *write_fixture(const char *plan_extra, const char *indicators)
{
    const char *dir = fx_tempdir();
    fx_geojson(dir, "parks", parks, 3);
    fx_geojson(dir, "landuse", landuse, 5);
    fx_geojson(dir, "zones", zones, 2);
    fx_geojson(dir, "scope", scope, 1);
    char text[4096];
    int n = snprintf(text, sizeof text, plan_head, plan_extra);
    snprintf(text + n, sizeof text - (size_t)n, "%s", indicators);
    return fx_write(dir, "plan.ini", text);
}

static const char coverage_indicator[] = "[indicator cov]\nkind = coverage\nfacility = parks\n"
                                         "layer = residential\nradius = 5000:500, 2000:300\n"
                                         "zones = z\ntarget = >= 90 %\n";

static void coverage_in_scope_and_zones(void **state)
{
    (void)state;
    struct fx_run run;
    fx_run_plan(write_fixture("scope = scope", coverage_indicator), &run);
    assert_int_equal(run.rc, PC_OK);

    /* scope: R1 10000/20000, R2 6000/6000, R3 0/5000 (clipped), R4 7500/10000 */
    const struct pc_result *all = fx_result(&run, "cov", NULL);
    assert_near(all->numerator, 23500, EXACT);
    assert_near(all->denominator, 41000, EXACT);
    assert_near(all->value, 100.0 * 23500 / 41000, EXACT);
    assert_int_equal(all->status, PC_STATUS_FAIL);
    /* population: parcels contribute residents in proportion to area, R3 half in scope */
    assert_near(all->pop_denominator, 100 + 60 + 100 + 40, EXACT);
    assert_near(all->pop_numerator, 50 + 60 + 0 + 30, EXACT);
    assert_near(all->pop_value, 100.0 * 140 / 300, EXACT);

    /* zone A: R1 west of x = 650 (15000 m2, 10000 covered, 75 residents of whom 50 covered) */
    const struct pc_result *a = fx_result(&run, "cov", "A");
    assert_near(a->denominator, 15000 + 6000 + 10000, EXACT);
    assert_near(a->numerator, 10000 + 6000 + 7500, EXACT);
    assert_near(a->pop_value, 100.0 * (50 + 60 + 30) / (75 + 60 + 40), EXACT);
    /* zone B: the rest of R1 and half of R3, none covered: the pocket park does not count */
    assert_non_null(a->target); /* a % target holds in every zone */
    assert_int_equal(a->status, PC_STATUS_FAIL);
    const struct pc_result *b = fx_result(&run, "cov", "B");
    assert_near(b->denominator, 5000 + 5000, EXACT);
    assert_near(b->numerator, 0, EXACT);
    assert_near(b->value, 0, EXACT);
    assert_near(b->pop_denominator, 25 + 100, EXACT);
    /* zones tile the scope: their sums are the scope's */
    assert_near(a->denominator + b->denominator, all->denominator, EXACT);
    assert_near(a->numerator + b->numerator, all->numerator, EXACT);
    fx_run_free(&run);
}

static void coverage_without_scope_measures_everything(void **state)
{
    (void)state;
    struct fx_run run;
    fx_run_plan(write_fixture("", coverage_indicator), &run);
    assert_int_equal(run.rc, PC_OK);
    const struct pc_result *all = fx_result(&run, "cov", NULL);
    assert_near(all->denominator, 46000, EXACT);
    assert_near(all->value, 100.0 * 23500 / 46000, EXACT);
    fx_run_free(&run);
}

static void point_buffer_is_the_regular_polygon(void **state)
{
    (void)state;
    /* a point facility with one radius inside a big residential square: the covered area is
     * the buffer's regular polygon, 4 * quadsegs sides, area n/2 r^2 sin(2 pi / n) */
    const char *dir = fx_tempdir();
    fx_write(dir, "point.geojson",
             "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
             "{\"name\": \"urn:ogc:def:crs:EPSG::4544\"}}, \"features\": [{\"type\": \"Feature\", "
             "\"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
             "[590000, 3249000]}}]}\n");
    static const struct fx_rect big[] = {{-500, -500, 500, 500, "\"pop\": 1000"}};
    fx_geojson(dir, "res", big, 1);
    const char *plan = fx_write(dir, "plan.ini",
                                "[plan]\ncrs = EPSG:4544\nquadrant_segments = 18\n"
                                "[layer points]\nsource = point.geojson\n"
                                "[layer res]\nsource = res.geojson\npopulation = pop\n"
                                "[indicator c]\nkind = coverage\nfacility = points\nlayer = res\n"
                                "radius = 100\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_OK);
    const struct pc_result *r = fx_result(&run, "c", NULL);
    double n = 4 * 18, polygon = n / 2 * 100 * 100 * sin(2 * M_PI / n);
    assert_near(r->numerator, polygon, 1e-6);
    assert_true(fabs(r->numerator - M_PI * 1e4) / (M_PI * 1e4) < 0.0013); /* < 0.13% short */
    assert_near(r->pop_numerator, 1000 * polygon / 1e6, 1e-9);
    fx_run_free(&run);
}

static void radius_rules_need_polygon_facilities(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    fx_write(dir, "point.geojson",
             "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
             "\"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
             "[105.9, 29.35]}}]}\n");
    static const struct fx_rect big[] = {{-500, -500, 500, 500, NULL}};
    fx_geojson(dir, "res", big, 1);
    const char *plan = fx_write(dir, "plan.ini",
                                "[plan]\ncrs = EPSG:4544\n"
                                "[layer points]\nsource = point.geojson\n"
                                "[layer res]\nsource = res.geojson\n"
                                "[indicator c]\nkind = coverage\nfacility = points\nlayer = res\n"
                                "radius = 5000:500\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_ERR_USAGE);
    assert_contains(pc_error_message(), ":11: [indicator c]: radius rules by facility area need "
                                        "polygon facilities");
    fx_run_free(&run);
    /* the same along the street network (the points would never qualify) */
    plan = fx_write(dir, "walk.ini",
                    "[plan]\ncrs = EPSG:4544\n"
                    "[layer points]\nsource = point.geojson\n"
                    "[layer res]\nsource = res.geojson\n"
                    "[indicator c]\nkind = coverage\nfacility = points\nlayer = res\n"
                    "radius = 5000:500\ndistance = network\nnetwork = points\n");
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_ERR_USAGE);
    assert_contains(pc_error_message(), ":11: [indicator c]: radius rules by facility area need "
                                        "polygon facilities");
    fx_run_free(&run);
}

static void area_and_share_in_scope_and_zones(void **state)
{
    (void)state;
    struct fx_run run;
    fx_run_plan(write_fixture("scope = scope",
                              "[indicator a]\nkind = area\nlayer = residential\nzones = z\n"
                              "target = >= 4 ha\n"
                              "[indicator s]\nkind = share\nlayer = residential\nzones = z\n"
                              "[indicator w]\nkind = share\nlayer = parks\nwithin = residential\n"
                              "zones = z\n"),
                &run);
    assert_int_equal(run.rc, PC_OK);
    const struct pc_result *a = fx_result(&run, "a", NULL);
    assert_int_equal(a->unit, PC_UNIT_HA); /* reported in the target's unit */
    assert_near(a->value, 4.1, EXACT);
    assert_int_equal(a->status, PC_STATUS_PASS);
    assert_near(fx_result(&run, "a", "A")->value, 3.1, EXACT);
    /* an area target is the scope's total: zone rows are not judged against it */
    assert_null(fx_result(&run, "a", "A")->target);
    assert_int_equal(fx_result(&run, "a", "A")->status, PC_STATUS_NONE);
    assert_near(fx_result(&run, "a", "B")->value, 1.0, EXACT);

    /* share of the zone itself (clipped to the scope): zone A is 1650 x 5000 m */
    assert_near(fx_result(&run, "s", "A")->value, 100.0 * 31000 / (1650.0 * 5000), EXACT);
    assert_near(fx_result(&run, "s", NULL)->denominator, 3050.0 * 5000, EXACT);
    /* parks within residential land: they do not overlap, so 0 with a real base */
    assert_near(fx_result(&run, "w", NULL)->value, 0, EXACT);
    assert_near(fx_result(&run, "w", NULL)->denominator, 41000, EXACT);
    fx_run_free(&run);
}

/* A 1000 m square with 250 vertices a side: cut into pieces (more than PC_PIECE_VERTICES),
 * the lengths of lines inside it add up to GEOS's own intersection and to the closed form,
 * also for lines along the cuts at x = 500, y = 500 and x = 250, which two pieces share. */
static void subdivided_length_is_the_exact_length(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    static char wkt[64 * 1024];
    size_t n = (size_t)snprintf(wkt, sizeof wkt, "POLYGON((");
    const int side = 250;
    for (int k = 0; k < 4 * side; k++) {
        int s = k / side, i = k % side;
        double t = 1000.0 * i / side;
        double x = s == 0 ? t : s == 1 ? 1000 : s == 2 ? 1000 - t : 0;
        double y = s == 0 ? 0 : s == 1 ? t : s == 2 ? 1000 : 1000 - t;
        n += (size_t)snprintf(wkt + n, sizeof wkt - n, "%g %g,", x, y);
    }
    snprintf(wkt + n, sizeof wkt - n, "0 0))");
    GEOSGeometry *square = fx_wkt(g, wkt);
    struct pc_subdivided *pieces = pc_subdivide(g, square);
    assert_non_null(pieces);
    const struct {
        const char *line;
        double expected;
    } cases[] = {
        {"LINESTRING(500 -100, 500 1100)", 1000},                      /* along the first cut */
        {"LINESTRING(-100 500, 1100 500)", 1000},                      /* along a second cut */
        {"LINESTRING(250 -100, 250 300, 250 900)", 900},               /* along a deeper cut */
        {"LINESTRING(-100 -100, 1100 1100)", 1000 * sqrt(2.0)},        /* across every piece */
        {"LINESTRING(100 100, 200 120)", sqrt(100.0 * 100 + 20 * 20)}, /* inside one piece */
        {"LINESTRING(1200 0, 1300 0)", 0},                             /* outside */
        {"MULTILINESTRING((0 0, 0 1000), (500 500, 500 700))", 1200},  /* edge and cut */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        GEOSGeometry *line = fx_wkt(g, cases[i].line);
        GEOSGeometry *direct = GEOSIntersection_r(g->h, line, square);
        double want = 0, got = -1;
        assert_non_null(direct);
        GEOSLength_r(g->h, direct, &want);
        assert_int_equal(pc_subdivided_length(g, pieces, line, &got), PC_OK);
        assert_near(want, cases[i].expected, 1e-9);
        assert_near(got, cases[i].expected, 1e-9);
        GEOSGeom_destroy_r(g->h, direct);
        GEOSGeom_destroy_r(g->h, line);
    }
    pc_subdivided_free(g, pieces);
    GEOSGeom_destroy_r(g->h, square);
    pc_geos_free(g);
}

/* `n` squares of side 10 on a diagonal lattice of step 7 (each overlaps its neighbours) and
 * their closed-form union area: a chain of k squares along x overlapping by 3 m is
 * 10 * (10 + 7 (k - 1)); rows 20 m apart do not meet. */
static GEOSGeometry **lattice(struct pc_geos *g, size_t rows, size_t per_row, double *area)
{
    GEOSGeometry **squares = malloc(rows * per_row * sizeof *squares);
    char wkt[256];
    for (size_t r = 0; r < rows; r++)
        for (size_t k = 0; k < per_row; k++) {
            double x = 7.0 * (double)k, y = 20.0 * (double)r;
            snprintf(wkt, sizeof wkt, "POLYGON((%g %g,%g %g,%g %g,%g %g,%g %g))", x, y, x + 10, y,
                     x + 10, y + 10, x, y + 10, x, y);
            squares[r * per_row + k] = fx_wkt(g, wkt);
        }
    *area = (double)rows * 10.0 * (10.0 + 7.0 * (double)(per_row - 1));
    return squares;
}

/* The union on threads (strips) and in tiles give the closed-form area of 1,200 overlapping
 * squares; tiles never overlap (their areas add up to it) and stay inside their tiles. */
static void parallel_and_tiled_unions_are_the_union(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    pc_set_threads(3);
    double area = 0, got = -1;
    GEOSGeometry **squares = lattice(g, 30, 40, &area);
    GEOSGeometry *u = pc_geom_union_take_parallel(g, squares, 30 * 40);
    assert_non_null(u);
    GEOSArea_r(g->h, u, &got);
    assert_near(got, area, 1e-6);
    assert_int_equal(GEOSGetNumGeometries_r(g->h, u), 30); /* one polygon per row */
    GEOSGeom_destroy_r(g->h, u);
    free(squares);

    squares = lattice(g, 30, 40, &area);
    GEOSGeometry *tiles = pc_geom_union_tiled(g, squares, 30 * 40, 50.0);
    assert_non_null(tiles);
    double sum = 0;
    int n = GEOSGetNumGeometries_r(g->h, tiles);
    assert_true(n > 30); /* rows of 283 m cut into 50 m tiles */
    for (int i = 0; i < n; i++) {
        const GEOSGeometry *t = GEOSGetGeometryN_r(g->h, tiles, i);
        double a = 0, x0 = 0, x1 = 0;
        GEOSArea_r(g->h, t, &a);
        GEOSGeom_getXMin_r(g->h, t, &x0);
        GEOSGeom_getXMax_r(g->h, t, &x1);
        assert_true(x1 - x0 <= 50.0 + 1e-9);
        sum += a;
    }
    assert_near(sum, area, 1e-6);
    GEOSGeom_destroy_r(g->h, tiles);
    free(squares);
    pc_set_threads(0);
    pc_geos_free(g);
}

/* Buffers unioned in tiles, each tile buffering its own lines, have the area of the buffers
 * unioned whole: a street grid of 10 x 10 lines 50 m apart, bands of 5 m, tiles of 120 m
 * (lines cross tile edges and run along none). The lines stay the caller's. */
static void buffers_unioned_in_tiles_are_the_union(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    pc_set_threads(2);
    GEOSGeometry *lines[20], *buffers[20];
    for (int i = 0; i < 10; i++) {
        char wkt[128];
        snprintf(wkt, sizeof wkt, "LINESTRING (0 %d, 455 %d)", 7 + 50 * i, 7 + 50 * i);
        lines[i] = fx_wkt(g, wkt);
        snprintf(wkt, sizeof wkt, "LINESTRING (%d 0, %d 455)", 7 + 50 * i, 7 + 50 * i);
        lines[10 + i] = fx_wkt(g, wkt);
    }
    for (int i = 0; i < 20; i++)
        buffers[i] = GEOSBuffer_r(g->h, lines[i], 5.0, 4);
    GEOSGeometry *whole = pc_geom_union_take_parallel(g, buffers, 20);
    GEOSGeometry *tiles = pc_geom_buffer_union_tiled(g, lines, 20, 5.0, 4, 120.0);
    assert_non_null(whole);
    assert_non_null(tiles);
    double expected = 0, sum = 0;
    GEOSArea_r(g->h, whole, &expected);
    int n = GEOSGetNumGeometries_r(g->h, tiles);
    assert_int_equal(n, 16); /* 4 x 4 tiles of 120 m over 465 m */
    for (int i = 0; i < n; i++) {
        double a = 0;
        GEOSArea_r(g->h, GEOSGetGeometryN_r(g->h, tiles, i), &a);
        sum += a;
    }
    assert_near(sum, expected, 1e-6 * expected);
    for (int i = 0; i < 20; i++) /* still the caller's, and whole */
        assert_int_equal(GEOSGeomTypeId_r(g->h, lines[i]), GEOS_LINESTRING);
    for (int i = 0; i < 20; i++)
        GEOSGeom_destroy_r(g->h, lines[i]);
    GEOSGeom_destroy_r(g->h, whole);
    GEOSGeom_destroy_r(g->h, tiles);
    pc_set_threads(0);
    pc_geos_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(coverage_in_scope_and_zones),
        cmocka_unit_test(coverage_without_scope_measures_everything),
        cmocka_unit_test(point_buffer_is_the_regular_polygon),
        cmocka_unit_test(radius_rules_need_polygon_facilities),
        cmocka_unit_test(area_and_share_in_scope_and_zones),
        cmocka_unit_test(subdivided_length_is_the_exact_length),
        cmocka_unit_test(parallel_and_tiled_unions_are_the_union),
        cmocka_unit_test(buffers_unioned_in_tiles_are_the_union),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
