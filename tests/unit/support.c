/* support.c: fixtures for unit tests: temporary directories, GeoJSON squares, plan files,
 * and evaluating a plan through the library. */
#include "support.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/layer_read.h"

void fx_assert_near(double actual, double expected, double tolerance, const char *what,
                    const char *file, int line)
{
    if (!(fabs(actual - expected) <= tolerance)) {
        print_error("%s: expected %.10g, got %.10g (tolerance %g)\n", what, expected, actual,
                    tolerance);
        _fail(file, line);
    }
}

void fx_assert_contains(const char *text, const char *needle, const char *file, int line)
{
    if (text == NULL || strstr(text, needle) == NULL) {
        print_error("expected '%s' in '%s'\n", needle, text ? text : "(null)");
        _fail(file, line);
    }
}

const char *fx_tempdir(void)
{
    static char dir[512];
    const char *base = getenv("PC_TEST_TMP"); /* set by ctest to a folder of the build tree */
    if (base == NULL)
        base = "/tmp";
    assert_int_equal(pc_mkdirs(base), 0);
    snprintf(dir, sizeof dir, "%s/plancheck-test-XXXXXX", base);
    assert_non_null(mkdtemp(dir));
    return dir;
}

const char *fx_write(const char *dir, const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

void fx_geojson(const char *dir, const char *name, const struct fx_rect *rects, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.geojson", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
               "{\"name\": \"urn:ogc:def:crs:EPSG::4544\"}}, \"features\": [\n");
    for (size_t i = 0; i < n; i++) {
        const struct fx_rect *r = &rects[i];
        double x1 = FX_X0 + r->x1, y1 = FX_Y0 + r->y1, x2 = FX_X0 + r->x2, y2 = FX_Y0 + r->y2;
        fprintf(f,
                "%s{\"type\": \"Feature\", \"properties\": {%s}, \"geometry\": {\"type\": "
                "\"Polygon\", \"coordinates\": [[[%.3f, %.3f], [%.3f, %.3f], [%.3f, %.3f], "
                "[%.3f, %.3f], [%.3f, %.3f]]]}}\n",
                i ? "," : "", r->properties ? r->properties : "", x1, y1, x2, y1, x2, y2, x1, y2,
                x1, y1);
    }
    fprintf(f, "]}\n");
    assert_int_equal(fclose(f), 0);
}

void fx_run_plan(const char *path, struct fx_run *run)
{
    memset(run, 0, sizeof *run);
    pc_gdal_init();
    run->rc = pc_plan_load(path, &run->plan);
    if (run->rc != PC_OK)
        return;
    OGRSpatialReferenceH srs = pc_srs_from_text(run->plan.crs);
    assert_non_null(srs);
    run->g = pc_geos_new();
    assert_non_null(run->g);
    assert_int_equal(pc_eval_init(&run->ev, &run->plan, run->g), PC_OK);
    run->rc = pc_eval_load_layers(&run->ev, srs, NULL);
    if (run->rc == PC_OK)
        run->rc = pc_eval_all(&run->ev, NULL);
    OSRDestroySpatialReference(srs);
}

void fx_run_free(struct fx_run *run)
{
    if (run->g != NULL)
        pc_eval_free(&run->ev);
    pc_geos_free(run->g);
    pc_plan_free(&run->plan);
}

const struct pc_result *fx_result(const struct fx_run *run, const char *id, const char *zone)
{
    for (size_t i = 0; i < run->ev.results.n; i++) {
        const struct pc_result *r = &run->ev.results.rows[i];
        if (strcmp(r->def->id, id) != 0)
            continue;
        if ((zone == NULL && r->zone == NULL) ||
            (zone != NULL && r->zone != NULL && strcmp(zone, r->zone) == 0))
            return r;
    }
    fail_msg("no result for indicator %s, zone %s", id, zone ? zone : "(scope)");
    return NULL;
}

GEOSGeometry *fx_wkt(struct pc_geos *g, const char *text)
{
    GEOSWKTReader *r = GEOSWKTReader_create_r(g->h);
    GEOSGeometry *geom = GEOSWKTReader_read_r(g->h, r, text);
    GEOSWKTReader_destroy_r(g->h, r);
    assert_non_null(geom);
    return geom;
}
