/* test_kinds.c: closed-form cases of the kinds overlap, outside, structure (with the
 * land-use code table on a layer mixing vocabularies), per_capita, density and count; a
 * source read in batches, a streamed table and a table spilled to disk, which structure,
 * per_capita and coverage rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "core/table_spool.h"
#include "geo/geom.h"
#include "io/layer_read.h"
#include "support.h"

#define EXACT 1e-6

/* The row of indicator id in zone (NULL: scope) with measure (NULL: the main row). */
static const struct pc_result *row_of(const struct fx_run *run, const char *id, const char *zone,
                                      const char *measure)
{
    for (size_t i = 0; i < run->ev.results.n; i++) {
        const struct pc_result *r = &run->ev.results.rows[i];
        if (strcmp(r->def->id, id) == 0 &&
            (measure ? r->measure && strcmp(r->measure, measure) == 0 : r->measure == NULL) &&
            (zone ? r->zone && strcmp(r->zone, zone) == 0 : r->zone == NULL))
            return r;
    }
    fail_msg("no %s row %s in zone %s", id, measure ? measure : "(main)", zone ? zone : "(scope)");
    return NULL;
}

/* Text of column `name` in row `row` of table t, or NULL. */
static const char *text_at(const struct pc_table *t, size_t row, const char *name)
{
    int c = pc_table_find_column(t, name);
    assert_true(c >= 0);
    return t->cols[c].set[row] ? t->cols[c].cells[row].s : NULL;
}

/* Construction parcels against a red line and a development boundary (metres from FX_X0,
 * FX_Y0); zones W = x < 175, E = x >= 175:
 *   A 0..100 x 0..100       overlaps red line R1 (50..150 x 0..100) by 50 x 100 = 5000 m2
 *   B 150..250 x 0..100     shares R1's edge x = 150 exactly: no area, no piece
 *   C 149.9..250 x 200..300 overlaps R2 (0..150 x 200..300) by 0.1 x 100 = 10 m2: noise
 *   D 400..500 x 0..100     wholly inside R3 (380..520 x -20..120): 10000 m2
 * The boundary 0..260 x 0..99.9 leaves 0.1 m strips of A and B outside (10 m2 each: noise)
 * and C (10010 m2) and D (10000 m2) wholly outside. The sliver tolerance is 20 m2. */
static void conflicts_on_squares(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    const struct fx_rect build[] = {{0, 0, 100, 100, "\"code\": \"A\", \"FID\": 1"},
                                    {150, 0, 250, 100, "\"code\": \"B\", \"FID\": 2"},
                                    {149.9, 200, 250, 300, "\"code\": \"C\", \"FID\": 3"},
                                    {400, 0, 500, 100, "\"code\": \"D\", \"FID\": 4"}};
    const struct fx_rect red[] = {{50, 0, 150, 100, "\"name\": \"R1\", \"type\": \"water\""},
                                  {0, 200, 150, 300, "\"name\": \"R2\", \"type\": \"soil\""},
                                  {380, -20, 520, 120, "\"name\": \"R3\", \"type\": \"bio\""}};
    const struct fx_rect dev[] = {{0, 0, 260, 99.9, "\"name\": \"town\""}};
    const struct fx_rect zones[] = {{-100, -100, 175, 400, "\"name\": \"W\""},
                                    {175, -100, 600, 400, "\"name\": \"E\""}};
    fx_geojson(dir, "build", build, 4);
    fx_geojson(dir, "red", red, 3);
    fx_geojson(dir, "dev", dev, 1);
    fx_geojson(dir, "zones", zones, 2);
    const char *plan = fx_write(dir, "plan.ini",
                                "[plan]\ncrs = EPSG:4544\n"
                                "[layer build]\nsource = build.geojson\n"
                                "[layer red]\nsource = red.geojson\n"
                                "[layer dev]\nsource = dev.geojson\n"
                                "[zones z]\nsource = zones.geojson\nname = name\n"
                                "[indicator inred]\nkind = overlap\nlayer = build\nwith = red\n"
                                "zones = z\nsliver = 20\ntarget = <= 0 ha\n"
                                "[indicator out]\nkind = outside\nlayer = build\nboundary = dev\n"
                                "zones = z\nsliver = 20\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_OK);

    const struct pc_result *r = row_of(&run, "inred", NULL, NULL);
    assert_int_equal(r->unit, PC_UNIT_HA);
    assert_near(r->value, 1.5, EXACT);
    assert_int_equal(r->status, PC_STATUS_FAIL);
    assert_near(row_of(&run, "inred", NULL, "pieces")->value, 2, 0);
    assert_near(row_of(&run, "inred", NULL, "noise")->value, 10, EXACT); /* m2 */
    assert_near(row_of(&run, "inred", NULL, "noise_pieces")->value, 1, 0);
    assert_near(row_of(&run, "inred", "W", NULL)->value, 0.5, EXACT);
    assert_near(row_of(&run, "inred", "E", NULL)->value, 1.0, EXACT);
    assert_near(row_of(&run, "inred", "W", "noise")->value, 10, EXACT);
    assert_near(row_of(&run, "inred", "E", "noise_pieces")->value, 0, 0);

    /* each piece carries both sides' attributes */
    const struct pc_table *t = pc_tables_find(&run.ev.tables, "inred_conflicts");
    assert_non_null(t);
    assert_int_equal(t->nrows, 2);
    for (size_t i = 0; i < t->nrows; i++) {
        const char *code = text_at(t, i, "build_code"), *line = text_at(t, i, "red_name");
        assert_true((strcmp(code, "A") == 0 && strcmp(line, "R1") == 0 &&
                     strcmp(text_at(t, i, "zone"), "W") == 0) ||
                    (strcmp(code, "D") == 0 && strcmp(line, "R3") == 0 &&
                     strcmp(text_at(t, i, "red_type"), "bio") == 0));
    }
    /* a field named FID does not clash with the piece's own build_fid */
    assert_true(pc_table_find_column(t, "build_fid") >= 0);
    assert_true(pc_table_find_column(t, "build_FID_2") >= 0);
    const struct pc_table *noise = pc_tables_find(&run.ev.tables, "inred_noise");
    assert_int_equal(noise->nrows, 1);
    assert_string_equal(text_at(noise, 0, "build_code"), "C");
    assert_string_equal(text_at(noise, 0, "red_name"), "R2");

    r = row_of(&run, "out", NULL, NULL);
    assert_near(r->value, 2.001, EXACT); /* ha, the kind's default unit */
    assert_near(row_of(&run, "out", NULL, "pieces")->value, 2, 0);
    assert_near(row_of(&run, "out", NULL, "noise")->value, 20, EXACT);
    assert_near(row_of(&run, "out", NULL, "noise_pieces")->value, 2, 0);
    /* C lies across the zones' border at x = 175: 25.1 m of it in W */
    assert_near(row_of(&run, "out", "W", NULL)->value, 0.251, EXACT);
    assert_near(row_of(&run, "out", "E", NULL)->value, 1.75, EXACT);
    t = pc_tables_find(&run.ev.tables, "out_outside");
    assert_int_equal(t->nrows, 2);
    assert_int_equal(pc_table_find_column(t, "dev_name"), -1); /* one side only */
    fx_run_free(&run);
}

/* One layer mixing 三调 and GB 50137 codes, read through data/landuse_codes.csv:
 *   0701 (三调 城镇住宅 -> 0701), 0702 (三调 农村宅基地 -> 0703), R21 (GB -> 070102):
 *   100 x 100 each; G1 (GB 公园绿地 -> 1401) 200 x 100; 0810 (三调 公园与绿地 -> 14 only)
 *   100 x 100; XX (in no table) 100 x 100. Total 70000 m2. */
static void structure_of_mixed_vocabularies(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    const struct fx_rect lu[] = {
        {0, 0, 100, 100, "\"dlbm\": \"0701\""},     {100, 0, 200, 100, "\"dlbm\": \"0702\""},
        {200, 0, 300, 100, "\"dlbm\": \"R21\""},    {300, 0, 500, 100, "\"dlbm\": \"G1\""},
        {500, 0, 600, 100, "\"dlbm\": \" 0810 \""}, {600, 0, 700, 100, "\"dlbm\": \"XX\""}};
    fx_geojson(dir, "lu", lu, 6);
    const char *plan =
        fx_write(dir, "plan.ini",
                 "[plan]\ncrs = EPSG:4544\n"
                 "[layer lu]\nsource = lu.geojson\nclass = dlbm\nvocabulary = sandiao, gb50137\n"
                 "[layer res]\nsource = lu.geojson\nclass = dlbm\nvocabulary = 三调, GB50137\n"
                 "classes = 07\n"
                 "[layer parks]\nsource = lu.geojson\nclass = dlbm\n"
                 "vocabulary = sandiao, gb50137\nclasses = 1401\n"
                 "[indicator s1]\nkind = structure\nlayer = lu\ncheck = 07\ntarget = >= 50 %\n"
                 "[indicator s2]\nkind = structure\nlayer = lu\nlevel = 2\n"
                 "[indicator res_area]\nkind = area\nlayer = res\ntarget = >= 3 ha\n"
                 "[indicator park_area]\nkind = area\nlayer = parks\ntarget = >= 3 ha\n"
                 "[indicator res_mu]\nkind = area\nlayer = res\ntarget = >= 50 亩\n"
                 "[indicator res_km2]\nkind = area\nlayer = res\ntarget = >= 1 km²\n"
                 "[indicator res_m2]\nkind = area\nlayer = res\ntarget = >= 1 m2\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_OK);

    const struct pc_result *r = row_of(&run, "s1", NULL, "07");
    assert_near(r->value, 300.0 / 7, EXACT);
    assert_near(r->numerator, 30000, EXACT);
    assert_near(r->denominator, 70000, EXACT);
    assert_int_equal(r->status, PC_STATUS_FAIL);
    assert_near(row_of(&run, "s1", NULL, "14")->value, 300.0 / 7, EXACT);
    assert_near(row_of(&run, "s1", NULL, "unmapped")->value, 100.0 / 7, EXACT);
    assert_null(row_of(&run, "s1", NULL, "14")->target);

    /* level 2: 0701 and R21 (070102) together; 0810 stays at 14 */
    assert_near(row_of(&run, "s2", NULL, "0701")->numerator, 20000, EXACT);
    assert_near(row_of(&run, "s2", NULL, "0703")->numerator, 10000, EXACT);
    assert_near(row_of(&run, "s2", NULL, "1401")->numerator, 20000, EXACT);
    assert_near(row_of(&run, "s2", NULL, "14")->numerator, 10000, EXACT);
    const struct pc_table *t = pc_tables_find(&run.ev.tables, "s2_structure");
    assert_non_null(t);
    assert_int_equal(t->nrows, 5);
    assert_int_equal(t->has_geometry, 0);

    /* classes = 07 keeps the three residential codes; 1401 keeps G1 but not 三调 0810 */
    assert_near(row_of(&run, "res_area", NULL, NULL)->value, 3, EXACT);
    assert_near(row_of(&run, "park_area", NULL, NULL)->value, 2, EXACT);
    /* the same 30000 m2 in each area unit: 45 亩, 0.03 km2, 30000 m2 */
    const struct pc_result *mu = row_of(&run, "res_mu", NULL, NULL);
    assert_int_equal(mu->unit, PC_UNIT_MU);
    assert_near(mu->value, 45, EXACT);
    assert_int_equal(mu->status, PC_STATUS_FAIL);
    assert_near(row_of(&run, "res_km2", NULL, NULL)->value, 0.03, EXACT);
    assert_near(row_of(&run, "res_m2", NULL, NULL)->value, 30000, EXACT);
    /* lu serves only structure indicators: streamed in batches, never held */
    assert_true(pc_eval_is_streamed(&run.ev, pc_plan_source(&run.plan, "lu")));
    assert_null(pc_eval_layer(&run.ev, pc_plan_source(&run.plan, "lu")));
    assert_false(pc_eval_is_streamed(&run.ev, pc_plan_source(&run.plan, "res")));
    assert_int_equal(pc_eval_layer(&run.ev, pc_plan_source(&run.plan, "res"))->stats.unmapped, 1);
    fx_run_free(&run);
}

/* A source read in batches: 4 then 2 of 6 features, then nothing; the batches' counts add up
 * to one whole read, and a whole read after batches is refused. */
static void reader_reads_in_batches(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    const struct fx_rect lu[] = {
        {0, 0, 10, 10, "\"c\": \"0701\""},  {10, 0, 20, 10, "\"c\": \"0702\""},
        {20, 0, 30, 10, "\"c\": \"XX\""},   {30, 0, 40, 10, "\"c\": \"1401\""},
        {40, 0, 50, 10, "\"c\": \"0701\""}, {50, 0, 60, 10, "\"c\": \"0701\""}};
    fx_geojson(dir, "lu", lu, 6);
    const char *path = fx_write(dir, "plan.ini",
                                "[plan]\ncrs = EPSG:4544\n"
                                "[layer lu]\nsource = lu.geojson\nclass = c\n"
                                "[indicator s]\nkind = structure\nlayer = lu\n");
    struct pc_plan plan;
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    OGRSpatialReferenceH srs = pc_srs_from_text(plan.crs);
    struct pc_geos *g = pc_geos_new();
    struct pc_layer_reader *r = NULL;
    assert_int_equal(pc_layer_open(&plan, pc_plan_source(&plan, "lu"), srs, g, &r), PC_OK);
    struct pc_layer_stats sum = {0};
    size_t sizes[3];
    for (int i = 0; i < 3; i++) {
        struct pc_layer *b = NULL;
        assert_int_equal(pc_layer_reader_next(r, 4, NULL, &b), PC_OK);
        sizes[i] = b->n;
        pc_layer_stats_add(&sum, &b->stats);
        if (i == 0) {
            assert_false(pc_layer_reader_done(r));
            assert_int_equal(b->fids[0], 0); /* source order */
            assert_string_equal(b->classes[3], "1401");
        }
        pc_layer_free(b, g);
    }
    assert_int_equal(sizes[0], 4);
    assert_int_equal(sizes[1], 2);
    assert_int_equal(sizes[2], 0);
    assert_true(pc_layer_reader_done(r));
    assert_int_equal(sum.read, 6);
    assert_int_equal(sum.kept, 6);
    assert_int_equal(sum.unmapped, 1);
    assert_string_equal(sum.unmapped_example, "XX");
    struct pc_layer *whole = NULL;
    assert_int_equal(pc_layer_reader_read(r, NULL, &whole), PC_ERR_RUN);
    assert_null(whole);
    pc_layer_reader_close(r);
    pc_geos_free(g);
    OSRDestroySpatialReference(srs);
    pc_plan_free(&plan);
}

/* The stream of stream_fills: `batches` batches of 2 rows, then none. */
struct counted {
    int batches, filled, released;
};

static int counted_fill(struct pc_table *t, struct pc_geos *g, void *data)
{
    struct counted *c = data;
    (void)g;
    for (int i = 0; c->filled < c->batches && i < 2; i++) {
        long row = pc_table_add_row(t, NULL, NULL);
        assert_true(row >= 0);
        assert_int_equal(pc_table_set_text(t, (size_t)row, 0, "text"), 0);
        pc_table_set_int(t, (size_t)row, 1, c->filled * 2 + i);
    }
    c->filled++;
    return PC_OK;
}

static void counted_release(void *data, struct pc_geos *g)
{
    (void)g;
    ((struct counted *)data)->released++;
}

/* A streamed table: each batch replaces the last, the end is an empty batch, the stream's
 * data is released with the table. */
static void table_streams_batches(void **state)
{
    (void)state;
    struct counted c = {.batches = 3};
    struct pc_table *t = pc_table_new("streamed", 0);
    assert_non_null(t);
    assert_int_equal(pc_table_add_column(t, "name", PC_COL_TEXT), 0);
    assert_int_equal(pc_table_add_column(t, "n", PC_COL_INT), 1);
    struct pc_table_stream stream = {counted_fill, counted_release, &c, 6};
    assert_int_equal(pc_table_set_stream(t, &stream, NULL), 0);
    assert_int_equal(pc_table_rows_expected(t), 6);
    long long seen = 0;
    size_t batches = 0;
    while (pc_table_next_batch(t, NULL) == PC_OK && t->nrows > 0) {
        assert_int_equal(t->nrows, 2);
        for (size_t r = 0; r < t->nrows; r++)
            assert_int_equal(t->cols[1].cells[r].i, seen++);
        batches++;
    }
    assert_int_equal(batches, 3);
    assert_int_equal(t->nrows, 0);
    assert_int_equal(c.released, 0);
    pc_table_free(t, NULL);
    assert_int_equal(c.released, 1);
}

/* A table spilled to disk in two steps comes back in order, cell for cell, in batches of
 * PC_SPOOL_BATCH; its scratch file leaves no name behind; a scratch directory that does not
 * exist is a one-line error naming the table. */
static void table_spills_to_disk(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    const char *dir = fx_tempdir();
    char *old_tmpdir = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", dir, 1);
    struct pc_table *t = pc_table_new("gaps", 1);
    assert_non_null(t);
    assert_int_equal(pc_table_add_column(t, "fid", PC_COL_INT), 0);
    assert_int_equal(pc_table_add_column(t, "area", PC_COL_REAL), 1);
    assert_int_equal(pc_table_add_column(t, "名称", PC_COL_TEXT), 2);
    const size_t n = PC_SPOOL_BATCH + 5;
    for (size_t r = 0; r < n; r++) {
        if (r == 5)
            assert_int_equal(pc_table_spill(t, g), PC_OK); /* the first five */
        char wkt[128];
        snprintf(wkt, sizeof wkt, "POLYGON ((0 0, %zu 0, %zu 1, 0 1, 0 0))", r + 1, r + 1);
        long row = pc_table_add_row(t, g, r % 7 == 3 ? NULL : fx_wkt(g, wkt));
        assert_true(row >= 0);
        pc_table_set_int(t, (size_t)row, 0, (long long)r - 2);
        if (r % 5 != 1)
            pc_table_set_real(t, (size_t)row, 1, 0.1 * (double)r);
        pc_table_set_text(t, (size_t)row, 2, r % 3 == 0 ? "凤凰湖 'a'" : r % 3 == 1 ? "" : NULL);
    }
    assert_int_equal(pc_table_spill(t, g), PC_OK);
    assert_int_equal(t->nrows, 0);
    assert_int_equal(pc_table_rows_expected(t), n);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s' | grep plancheck-spool)\"", dir);
    assert_int_equal(system(cmd), 0); /* unlinked at once */
    size_t seen = 0, batches = 0;
    while (pc_table_next_batch(t, g) == PC_OK && t->nrows > 0) {
        assert_true(t->nrows <= PC_SPOOL_BATCH);
        for (size_t k = 0; k < t->nrows; k++, seen++) {
            assert_int_equal(t->cols[0].cells[k].i, (long long)seen - 2);
            assert_int_equal(t->cols[1].set[k], seen % 5 != 1);
            if (seen % 5 != 1)
                assert_true(t->cols[1].cells[k].r == 0.1 * (double)seen); /* bit for bit */
            const char *text = text_at(t, k, "名称");
            if (seen % 3 == 2)
                assert_null(text);
            else
                assert_string_equal(text, seen % 3 == 0 ? "凤凰湖 'a'" : "");
            if (seen % 7 == 3)
                assert_null(t->geoms[k]);
            else
                assert_true(pc_geom_area(g, t->geoms[k]) == (double)(seen + 1));
        }
        batches++;
    }
    assert_int_equal(seen, n);
    assert_int_equal(batches, 2);
    pc_table_free(t, g);

    char missing[512];
    snprintf(missing, sizeof missing, "%s/no-such-dir", dir);
    setenv("TMPDIR", missing, 1);
    t = pc_table_new("walk_parcels", 0);
    assert_non_null(t);
    assert_int_equal(pc_table_add_column(t, "fid", PC_COL_INT), 0);
    assert_true(pc_table_add_row(t, g, NULL) >= 0);
    assert_int_equal(pc_table_spill(t, g), PC_ERR_RUN);
    assert_non_null(strstr(pc_error_message(), "<walk_parcels>"));
    assert_non_null(strstr(pc_error_message(), "no-such-dir"));
    pc_table_free(t, g);
    if (old_tmpdir != NULL)
        setenv("TMPDIR", old_tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(old_tmpdir);
    pc_geos_free(g);
}

/* Parks 0..100 x 0..100 (10000 m2); residents: one parcel 0..200 x 0..100 of 1000, split by
 * the zones W (x < 100) and E; roads y = 50 from x 0..200 and x = 50 from y 0..100 (lines);
 * ponds P1 0..201 x 0..100 (>= 30 mu, 500 m from the river), P2 0..100 x 300..400 (15 mu),
 * P3 1000..1201 x 0..100 (30+ mu, 707 m from the river); river 0..500 x -600..-500. */
static void per_capita_density_and_count(void **state)
{
    (void)state;
    const char *dir = fx_tempdir();
    const struct fx_rect parks[] = {{0, 0, 100, 100, "\"name\": \"P\""}};
    const struct fx_rect people[] = {{0, 0, 200, 100, "\"pop\": 1000"}};
    const struct fx_rect zones[] = {{0, 0, 100, 100, "\"name\": \"W\""},
                                    {100, 0, 200, 100, "\"name\": \"E\""}};
    const struct fx_rect ponds[] = {{0, 0, 201, 100, "\"id\": 1"},
                                    {0, 300, 100, 400, "\"id\": 2"},
                                    {1000, 0, 1201, 100, "\"id\": 3"}};
    const struct fx_rect river[] = {{0, -600, 500, -500, "\"name\": \"river\""}};
    fx_geojson(dir, "parks", parks, 1);
    fx_geojson(dir, "people", people, 1);
    fx_geojson(dir, "zones", zones, 2);
    fx_geojson(dir, "ponds", ponds, 3);
    fx_geojson(dir, "river", river, 1);
    char roads[1024];
    snprintf(roads, sizeof roads,
             "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": "
             "{\"name\": \"urn:ogc:def:crs:EPSG::4544\"}}, \"features\": ["
             "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": "
             "\"LineString\", \"coordinates\": [[%.1f, %.1f], [%.1f, %.1f]]}},"
             "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": "
             "\"LineString\", \"coordinates\": [[%.1f, %.1f], [%.1f, %.1f]]}}]}",
             FX_X0, FX_Y0 + 50, FX_X0 + 200, FX_Y0 + 50, FX_X0 + 50, FX_Y0, FX_X0 + 50,
             FX_Y0 + 100);
    fx_write(dir, "roads.geojson", roads);
    const char *plan = fx_write(
        dir, "plan.ini",
        "[plan]\ncrs = EPSG:4544\n"
        "[layer parks]\nsource = parks.geojson\n"
        "[layer people]\nsource = people.geojson\npopulation = pop\n"
        "[layer roads]\nsource = roads.geojson\n"
        "[layer ponds]\nsource = ponds.geojson\n"
        "[layer river]\nsource = river.geojson\n"
        "[zones z]\nsource = zones.geojson\nname = name\n"
        "[indicator pc]\nkind = per_capita\nlayer = parks\npopulation = people\nzones = z\n"
        "target = >= 12 m2/person\n"
        "[indicator rd]\nkind = density\nlayer = roads\nzones = z\ntarget = >= 7 km/km2\n"
        "[indicator big]\nkind = count\nlayer = ponds\nmin_area = 30 mu\nnear = river\n"
        "distance = 500\ntarget = <= 0 count\n"
        "[indicator all]\nkind = count\nlayer = ponds\nzones = z\n");
    struct fx_run run;
    fx_run_plan(plan, &run);
    assert_int_equal(run.rc, PC_OK);

    const struct pc_result *r = row_of(&run, "pc", NULL, NULL);
    assert_near(r->value, 10, EXACT);
    assert_near(r->denominator, 1000, EXACT);
    assert_int_equal(r->status, PC_STATUS_FAIL);
    r = row_of(&run, "pc", "W", NULL);
    assert_near(r->value, 20, EXACT);            /* half the residents, all the park */
    assert_int_equal(r->status, PC_STATUS_PASS); /* a per-capita target holds in every zone */
    assert_near(row_of(&run, "pc", "E", NULL)->value, 0, EXACT);

    /* W: 100 m of each road in 0.01 km2; E: 100 m of the horizontal road */
    assert_near(row_of(&run, "rd", "W", NULL)->value, 0.2 / 0.01, EXACT);
    assert_near(row_of(&run, "rd", "E", NULL)->value, 0.1 / 0.01, EXACT);
    assert_true(isnan(row_of(&run, "rd", NULL, NULL)->value)); /* no scope: no base area */

    r = row_of(&run, "big", NULL, NULL);
    assert_near(r->value, 1, 0);
    assert_int_equal(r->status, PC_STATUS_FAIL);
    const struct pc_table *t = pc_tables_find(&run.ev.tables, "big_features");
    assert_int_equal(t->nrows, 1);
    assert_near(t->cols[pc_table_find_column(t, "distance_m")].cells[0].r, 500, EXACT);
    /* a pond counts in the zone of its point on surface, once */
    assert_near(row_of(&run, "all", NULL, NULL)->value, 3, 0);
    double w = row_of(&run, "all", "W", NULL)->value, e = row_of(&run, "all", "E", NULL)->value;
    assert_near(w + e, 1, 0); /* P1 straddles the zones; P2 and P3 lie outside both */
    fx_run_free(&run);
}

/* The code table: a malformed file names itself, the line and what is wrong. */
static void code_table_errors_name_file_and_line(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line;
        const char *words;
    } cases[] = {
        {"# c\nvocab,code,name,ydyh\n", 2, "expected the header"},
        {"vocabulary,code,name,ydyh\nydyh,07,居住用地,07\nsandiao,0702,农村,宅基地,0703\n", 3,
         "expected 4 fields"},
        {"vocabulary,code,name,ydyh\nydyh,07,居住用地,07\nydyh,07,又一个,07\n", 3,
         "code listed twice"},
        {"vocabulary,code,name,ydyh\nydyh,07,居住用地,07\nsandiao,0702,农村宅基地,0703\n", 3,
         "maps onto a 用地用海 class the file does not define: 0703"},
        {"vocabulary,code,name,ydyh\nydyh,0701,城镇住宅用地,0701\n", 2,
         "without its parent class: 0701"},
        {"vocabulary,code,name,ydyh\nsidiao,07,居住用地,07\n", 2, "unknown vocabulary"},
    };
    const char *dir = fx_tempdir();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = fx_write(dir, "codes.csv", cases[i].text);
        struct pc_codes codes;
        char prefix[512];
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, cases[i].line);
        assert_int_equal(pc_codes_load(path, &codes), PC_ERR_USAGE);
        assert_contains(pc_error_message(), prefix);
        assert_contains(pc_error_message(), cases[i].words);
        pc_codes_free(&codes);
    }
    /* the shipped table loads, and its lookups follow the vocabularies in order */
    struct pc_codes codes;
    assert_int_equal(pc_codes_load(pc_codes_default_path(), &codes), PC_OK);
    enum pc_vocabulary sd[] = {PC_VOCAB_SANDIAO}, yd[] = {PC_VOCAB_YDYH};
    assert_string_equal(pc_codes_map(&codes, sd, 1, "0702"), "0703");
    assert_string_equal(pc_codes_map(&codes, yd, 1, "0702"), "0702");
    assert_string_equal(pc_codes_name(&codes, "1401"), "公园绿地");
    assert_null(pc_codes_map(&codes, yd, 1, "G1"));
    pc_codes_free(&codes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(conflicts_on_squares),
        cmocka_unit_test(structure_of_mixed_vocabularies),
        cmocka_unit_test(reader_reads_in_batches),
        cmocka_unit_test(table_streams_batches),
        cmocka_unit_test(table_spills_to_disk),
        cmocka_unit_test(per_capita_density_and_count),
        cmocka_unit_test(code_table_errors_name_file_and_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
