/* test_plan.c: the plan file: a full valid plan, and every error path with its line and key. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "indicators/kinds.h"
#include "plan/plan.h"
#include "support.h"

static const char valid_plan[] = "; a comment\n"
                                 "[plan]\n"
                                 "name  = yongchuan\n"
                                 "title = 永川区\n"
                                 "crs   = EPSG:4544            ; projected, metres\n"
                                 "scope = central_city\n"
                                 "\n"
                                 "[layer central_city]\n"
                                 "source = data/yongchuan.gpkg\n"
                                 "layer  = central_city\n"
                                 "\n"
                                 "[layer residential]\n"
                                 "source = data/yongchuan.gpkg\n"
                                 "layer  = landuse\n"
                                 "where  = code LIKE '0701%'\n"
                                 "population = pop\n"
                                 "\n"
                                 "[layer parks]\n"
                                 "source = PG:dbname=gis\n"
                                 "srs = EPSG:4490\n"
                                 "encoding = GBK\n"
                                 "\n"
                                 "[zones sectors]\n"
                                 "source = /abs/sectors.shp\n"
                                 "name   = name\n"
                                 "\n"
                                 "[indicator park_500m]\n"
                                 "title    = 公园绿地服务半径覆盖率\n"
                                 "kind     = coverage\n"
                                 "facility = parks\n"
                                 "layer    = residential\n"
                                 "radius   = 2000:300, 5000:500\n"
                                 "zones    = sectors\n"
                                 "target   = >= 90 %\n"
                                 "year     = 2025\n"
                                 "source   = 永川府发〔2022〕21号\n"
                                 "quote    = 城市公园绿地服务半径500米\n"
                                 "   覆盖居住区比例达到90%\n"
                                 "\n"
                                 "[indicator built]\n"
                                 "kind   = area\n"
                                 "layer  = residential\n"
                                 "scope  = parks\n"
                                 "target = >= 100 km2\n"
                                 "\n"
                                 "[indicator green]\n"
                                 "kind   = share\n"
                                 "layer  = parks\n"
                                 "within = residential\n";

static const char *write_plan(const char *text)
{
    return fx_write(fx_tempdir(), "plan.ini", text);
}

static void valid_plan_is_read_whole(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *path = write_plan(valid_plan);
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    assert_string_equal(plan.name, "yongchuan");
    assert_string_equal(plan.title, "永川区");
    assert_string_equal(plan.crs, "EPSG:4544"); /* inline comment dropped */
    assert_int_equal(plan.quadrant_segments, PC_DEFAULT_QUADRANT_SEGMENTS);
    assert_int_equal(plan.n_sources, 4);
    assert_int_equal(plan.n_indicators, 3);
    assert_string_equal(plan.scope->name, "central_city");

    const struct pc_source_def *res = pc_plan_source(&plan, "residential");
    char expected[600];
    snprintf(expected, sizeof expected, "%s/data/yongchuan.gpkg", plan.dir);
    assert_string_equal(res->path, expected); /* relative to the plan file */
    assert_string_equal(res->where, "code LIKE '0701%'");
    assert_string_equal(res->population, "pop");
    assert_string_equal(pc_plan_source(&plan, "parks")->path, "PG:dbname=gis");
    assert_string_equal(pc_plan_source(&plan, "parks")->encoding, "GBK");
    assert_string_equal(pc_plan_source(&plan, "sectors")->path, "/abs/sectors.shp");
    assert_true(pc_plan_source(&plan, "sectors")->is_zones);

    const struct pc_indicator_def *park = &plan.indicators[0];
    assert_string_equal(park->id, "park_500m");
    assert_string_equal(park->kind->name, "coverage");
    assert_ptr_equal(park->facility, pc_plan_source(&plan, "parks"));
    assert_ptr_equal(park->scope, plan.scope); /* the plan's scope by default */
    assert_int_equal(park->radius.n, 2);
    assert_true(park->target.set);
    assert_int_equal(park->target.op, PC_CMP_GE);
    assert_true(park->target.value == 90.0);
    assert_int_equal(park->target.unit, PC_UNIT_PERCENT);
    assert_int_equal(park->year, 2025);
    /* the continuation line joins without a space between Chinese characters */
    assert_string_equal(park->quote, "城市公园绿地服务半径500米覆盖居住区比例达到90%");

    assert_string_equal(plan.indicators[1].title, "built"); /* title defaults to the id */
    assert_string_equal(plan.indicators[1].scope->name, "parks");
    assert_int_equal(plan.indicators[1].target.unit, PC_UNIT_KM2);
    assert_null(plan.indicators[2].zones);
    assert_ptr_equal(plan.indicators[2].within, res);
    pc_plan_free(&plan);
}

static void name_defaults_to_file_name(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *dir = fx_tempdir();
    const char *path = fx_write(dir, "my-city.ini",
                                "[plan]\ncrs = EPSG:4544\n[layer a]\nsource = a.gpkg\n"
                                "[indicator x]\nkind = area\nlayer = a\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    assert_string_equal(plan.name, "my-city");
    pc_plan_free(&plan);
}

/* One bad plan: the error must be PC_ERR_USAGE, on `line`, and contain `words`. */
struct bad_plan {
    const char *text;
    int line;
    const char *words;
};

/* A minimal valid tail the bad plans share: one layer and one indicator using it. */
#define OK_LAYER     "[layer a]\nsource = a.gpkg\n"
#define OK_INDICATOR "[indicator x]\nkind = area\nlayer = a\n"
#define OK_PLAN      "[plan]\ncrs = EPSG:4544\n"

/* Two dated layers (lines 3-9) and a growth indicator over them (lines 10-12). */
#define GROWTH_LAYERS                                                                              \
    "[layer b15]\nsource = b.gpkg\nyear = 2015\nrole = builtup\n"                                  \
    "[layer b20]\nsource = b.gpkg\nyear = 2020\n"
#define GROWTH_INDICATOR "[indicator g]\nkind = growth\nlayers = b15, b20\n"

static const struct bad_plan bad_plans[] = {
    /* the kinds of issue 5 (lines 5-: the indicator after OK_PLAN OK_LAYER) */
    {OK_PLAN OK_LAYER "[indicator o]\nkind = overlap\nlayer = a\n", 5,
     "missing required key 'with' in [indicator o]"},
    {OK_PLAN OK_LAYER "[indicator o]\nkind = overlap\nlayer = a\nwith = a\n", 8,
     "names the measured layer itself"},
    {OK_PLAN OK_LAYER "[layer r]\nsource = r.gpkg\n"
                      "[indicator o]\nkind = overlap\nlayer = a\nwith = r\nsliver = -3\n",
     11, "bad area '-3' for key 'sliver'"},
    {OK_PLAN OK_LAYER "[indicator o]\nkind = outside\nlayer = a\nboundary = nowhere\n", 8,
     "names [layer nowhere], which the plan does not define"},
    {OK_PLAN OK_LAYER "[indicator s]\nkind = structure\nlayer = a\n", 7, "[layer a] needs 'class'"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\nvocabulary = 四调\n" OK_INDICATOR, 6,
     "unknown vocabulary '四调' in [layer a]"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclasses = 07\n" OK_INDICATOR, 5,
     "selects land-use classes: set 'class'"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\nclasses = 07, 99\n" OK_INDICATOR, 6,
     "'99' is not a 用地用海 class"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\nclasses = 07,,08\n" OK_INDICATOR, 6,
     "key 'classes' in [layer a] has an empty item"},
    {"[plan]\ncrs = EPSG:4544\ncodes = no-such.csv\n[layer a]\nsource = a.gpkg\nclass = c\n"
     "classes = 07\n" OK_INDICATOR,
     3, "key 'codes' in [plan]: cannot read the land-use code table"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\nlevel = 4\n",
     9, "bad level '4'"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\ncheck = 0701\n",
     9, "check '0701' in [indicator s] is not a class of level 1: set 'level' to 2"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\nlevel = 2\ncheck = 07\n",
     10, "check '07' in [indicator s] is not a class of level 2"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\ncheck = 07\ntarget = >= 3 ha\n",
     10, "a structure indicator is measured in %"},
    {OK_PLAN OK_LAYER "[layer r]\nsource = r.gpkg\n"
                      "[indicator o]\nkind = overlap\nlayer = a\nwith = r\ntarget = >= 3 %\n",
     11, "an overlap indicator is measured in km2"},
    {OK_PLAN OK_LAYER "[zones z]\nsource = z.gpkg\nname = n\n"
                      "[indicator c]\nkind = count\nlayer = a\nnear = z\ndistance = 5\n",
     11, "key 'near' in [indicator c] names 'z', which is a [zones] section"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\ntarget = <= 30 %\n",
     9, "has a target but no 'check'"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nclass = c\n"
             "[indicator s]\nkind = structure\nlayer = a\ncheck = 99\n",
     9, "'99' is not a 用地用海 class"},
    {OK_PLAN OK_LAYER "[indicator p]\nkind = per_capita\nlayer = a\npopulation = a\n", 8,
     "[layer a] has no 'population' field"},
    {OK_PLAN OK_LAYER "[layer r]\nsource = r.gpkg\npopulation = pop\n"
                      "[indicator p]\nkind = per_capita\nlayer = a\npopulation = r\n"
                      "target = >= 12 km2\n",
     12, "a per_capita indicator is measured in m2/person"},
    {OK_PLAN OK_LAYER "[indicator d]\nkind = density\nlayer = a\nscope = a\ntarget = >= 7 %\n", 9,
     "a density indicator is measured in km/km2"},
    {OK_PLAN OK_LAYER "[indicator c]\nkind = count\nlayer = a\nnear = a\n", 8,
     "'near' and 'distance' go together"},
    {OK_PLAN OK_LAYER "[indicator c]\nkind = count\nlayer = a\nnear = a\ndistance = 5 km\n", 9,
     "bad distance '5 km' for key 'distance'"},
    {OK_PLAN OK_LAYER "[indicator c]\nkind = count\nlayer = a\nmin_area = 30 acres\n", 8,
     "bad area '30 acres' for key 'min_area'"},
    {OK_PLAN OK_LAYER "[indicator c]\nkind = count\nlayer = a\ntarget = >= 3 ha\n", 8,
     "a count indicator is measured in count"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\nraduis = 500\n", 8,
     "unknown key 'raduis' in [indicator x]"},
    {OK_PLAN "sourse = x\n" OK_LAYER OK_INDICATOR, 3, "unknown key 'sourse' in [plan]"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nfile = b\n" OK_INDICATOR, 5,
     "unknown key 'file' in [layer a]"},
    {OK_PLAN OK_LAYER "[zones z]\nsource = z.gpkg\nname = n\npopulation = p\n" OK_INDICATOR, 8,
     "unknown key 'population' in [zones z]"},
    {OK_PLAN OK_LAYER "[chart c]\n" OK_INDICATOR, 5, "unknown section [chart c]"},
    {OK_PLAN OK_LAYER "[layer]\nsource = x\n" OK_INDICATOR, 5, "section [layer] needs a name"},
    {"[plan]\nname = y\n" OK_LAYER OK_INDICATOR, 1, "missing required key 'crs' in [plan]"},
    {OK_PLAN "[layer a]\nlayer = l\n" OK_INDICATOR, 3,
     "missing required key 'source' in [layer a]"},
    {OK_PLAN OK_LAYER "[zones z]\nsource = z.gpkg\n" OK_INDICATOR, 5,
     "missing required key 'name' in [zones z]"},
    {OK_PLAN OK_LAYER "[indicator x]\nlayer = a\n", 5,
     "missing required key 'kind' in [indicator x]"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\n", 5,
     "missing required key 'radius' in [indicator x]"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nradius = 500\n", 5,
     "missing required key 'facility' in [indicator x]"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = densty\nlayer = a\n", 6, "unknown kind 'densty'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = b\n", 7,
     "key 'layer' in [indicator x] names [layer b], which the plan does not define"},
    {OK_PLAN OK_LAYER "[zones z]\nsource = z.gpkg\nname = n\n"
                      "[indicator x]\nkind = area\nlayer = z\n",
     10, "must name a [layer] section, but 'z' is a [zones]"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\nzones = a\n", 8,
     "must name a [zones] section, but 'a' is a [layer]"},
    {"[plan]\ncrs = EPSG:4544\nscope = nowhere\n" OK_LAYER OK_INDICATOR, 3,
     "key 'scope' in [plan] names [layer nowhere]"},
    {"[plan]\ncrs = EPSG:4544\nquadrant_segments = eight\n" OK_LAYER OK_INDICATOR, 3,
     "bad number 'eight' for key 'quadrant_segments'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\nyear = 20x5\n", 8,
     "bad number '20x5' for key 'year'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 5000:\n",
     9, "bad radius '5000:' in [indicator x]: radius '' is not a positive distance"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 5 hours\n",
     9, "bad radius '5 hours'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "distance = walking\n",
     10, "bad distance 'walking' in [indicator x]: expected straight or network"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "distance = network\n",
     5, "missing required key 'network' in [indicator x]"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "snap = 3\n",
     10, "key 'snap' in [indicator x] needs distance = network"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "distance = network\nnetwork = roads\n",
     11, "key 'network' in [indicator x] names [layer roads], which the plan does not define"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "distance = network\nnetwork = a\nsnap = -1\n",
     12, "bad distance '-1' for key 'snap'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "distance = network\nnetwork = a\nwidth = 0\n",
     12, "bad distance '0' for key 'width'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 5 min\n"
                      "speed = 5 mph\n",
     10, "bad speed '5 mph' in [indicator x]: expected a positive walking speed"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = -5\n", 9,
     "bad radius '-5'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\n"
                      "radius = 5000:500, 300\n",
     9, "'300' is not AREA:RADIUS"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\n"
                      "radius = 500:500, 500:300\n",
     9, "facility area 500 is given twice"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\ntarget = 90 %\n", 8,
     "bad target '90 %' in [indicator x]: expected an operator"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\ntarget = >= lots km2\n", 8,
     "expected a number after the operator"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\ntarget = >= 90 acres\n", 8,
     "expected a unit"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\ntarget = >= 90 %\n", 8,
     "an area indicator is measured in km2 (or ha, m2, mu)"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\nfacility = a\nradius = 500\n"
                      "target = >= 9 km2\n",
     10, "a coverage indicator is measured in %"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nkind = share\nlayer = a\n", 7,
     "duplicate key 'kind' in [indicator x]"},
    {OK_PLAN OK_LAYER OK_LAYER OK_INDICATOR, 5,
     "[layer a] repeats the name of [layer a] on line 3"},
    {OK_PLAN OK_LAYER "[zones a]\nsource = z\nname = n\n" OK_INDICATOR, 5,
     "[zones a] repeats the name of [layer a]"},
    {OK_PLAN OK_LAYER OK_INDICATOR "[indicator X]\nkind = area\nlayer = a\n", 8,
     "[indicator X] repeats the name of [indicator x]"},
    {OK_PLAN OK_PLAN OK_LAYER OK_INDICATOR, 3, "second [plan] section"},
    {OK_LAYER OK_INDICATOR, 1, "no [plan] section"},
    {OK_PLAN OK_LAYER, 1, "the plan has no [indicator ID] section"},
    {"crs = EPSG:4544\n" OK_PLAN OK_LAYER OK_INDICATOR, 1, "key 'crs' outside any [section]"},
    {OK_PLAN "this line is not a key\n" OK_LAYER OK_INDICATOR, 3, "syntax error"},
    {OK_PLAN "[layer a\nsource = x\n" OK_INDICATOR, 3, "has no closing ']'"},
    {OK_PLAN OK_LAYER "[indicator 9lives]\nkind = area\nlayer = a\n", 5,
     "bad indicator id '9lives'"},
    {OK_PLAN OK_LAYER "[indicator x]\nkind = area\nlayer = a\ntitle =\n", 8,
     "key 'title' in [indicator x] has no value"},
    {"[plan]\ncrs = EPSG:4544\nname = ../evil\n" OK_LAYER OK_INDICATOR, 3, "bad name '../evil'"},
    {OK_PLAN OK_LAYER OK_INDICATOR "title = \xc0\xcf\xb3\xc7\n", 8, "this line is not UTF-8 text"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\n"
             "[indicator x]\nkind = share\nlayer = a\n",
     5, "[indicator x] needs a base area"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nrole = parkland\n" OK_INDICATOR, 5,
     "unknown role 'parkland' in [layer a]: expected boundary, landuse"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nrole = landuse\n" OK_INDICATOR, 3,
     "[layer a] has role landuse: set 'class'"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nrole = builtup\n" OK_INDICATOR, 3,
     "[layer a] has role builtup: set 'year'"},
    /* growth: dated layers, numbers, checks and periods */
    {OK_PLAN GROWTH_LAYERS "[indicator g]\nkind = growth\n", 10,
     "missing required key 'layers' in [indicator g]"},
    {OK_PLAN GROWTH_LAYERS "[indicator g]\nkind = growth\nlayers = b15\n", 12,
     "key 'layers' in [indicator g] needs two or more dated layers"},
    {OK_PLAN GROWTH_LAYERS OK_LAYER "[indicator g]\nkind = growth\nlayers = b15, a\n", 14,
     "[layer a] has no 'year'"},
    {OK_PLAN GROWTH_LAYERS "[indicator g]\nkind = growth\nlayers = b15, b99\n", 12,
     "names [layer b99], which the plan does not define"},
    {OK_PLAN GROWTH_LAYERS "[layer c]\nsource = c.gpkg\nyear = 2015\n"
                           "[indicator g]\nkind = growth\nlayers = b15, c\n",
     15, "[layer b15] and [layer c] both show 2015"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "ring = -5\n", 13,
     "bad number '-5' for key 'ring' in [indicator g]"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "check = sprawl\n", 13, "unknown check 'sprawl'"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "check = area\n", 10,
     "[indicator g] checks the area of one year: set 'year'"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "period = 2015-2019\n", 13,
     "bad period '2015-2019' in [indicator g]"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "check = growth\ntarget = >= 5 %\n", 14,
     "bad target '>= 5 %' in [indicator g]: check 'growth' is measured in km2"},
    {OK_PLAN GROWTH_LAYERS "[layer b25]\nsource = b.gpkg\nyear = 2025\n"
                           "[indicator g]\nkind = growth\nlayers = b15, b20, b25\n"
                           "check = edge\nperiod = 2015-2025\n",
     17, "checks expansion type 'edge', which exists for consecutive layers only"},
    {OK_PLAN GROWTH_LAYERS GROWTH_INDICATOR "check = in_redline\n", 13,
     "[indicator g] checks 'in_redline' but has no redline layer"},
    {OK_PLAN "[layer a]\nsource = a.gpkg\nrole = builtup\nyear = 20\n" OK_INDICATOR, 6,
     "bad number '20' for key 'year' in [layer a]"},
    {"[plan]\ncrs = EPSG:4544\ncell_size = 0\n" OK_LAYER OK_INDICATOR, 3,
     "bad number '0' for key 'cell_size' in [plan]"},
    {"[plan]\ncrs = EPSG:4544\nextent = b\n" OK_LAYER OK_INDICATOR, 3,
     "key 'extent' in [plan] names [layer b]"},
};

/* Map keys: roles, class and label fields, built-up years, raster settings, and the
 * facility of a coverage indicator drawn as one without being told. */
/* Growth keys: layers sorted by year, defaults, control lines taken from roles, the default
 * check (area of the indicator's year, else growth over the whole span). */
static void growth_keys_are_read(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *path = write_plan(OK_PLAN GROWTH_LAYERS
                                  "[layer red]\nsource = r.gpkg\nrole = redline\n"
                                  "[layer dev]\nsource = d.gpkg\n"
                                  "[indicator g]\nkind = growth\nlayers = b20, b15\n"
                                  "dev_boundary = dev\ntarget = <= 1600 ha\n"
                                  "[indicator h]\nkind = growth\nlayers = b15, b20\nyear = 2020\n"
                                  "ring = 25\nmin_patch = 100\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    const struct pc_growth_def *g = &plan.indicators[0].growth;
    assert_int_equal(g->n_layers, 2);
    assert_string_equal(g->layers[0]->name, "b15");
    assert_string_equal(g->layers[1]->name, "b20");
    assert_near(g->ring, PC_DEFAULT_LEI_RING, 0);
    assert_near(g->min_patch, 0, 0);
    assert_string_equal(g->redline->name, "red");
    assert_null(g->farmland);
    assert_string_equal(g->dev_boundary->name, "dev");
    assert_int_equal(g->check, PC_GM_GROWTH);
    assert_int_equal(g->from, 2015);
    assert_int_equal(g->to, 2020);
    const struct pc_growth_def *h = &plan.indicators[1].growth;
    assert_int_equal(h->check, PC_GM_AREA);
    assert_int_equal(h->from, 0);
    assert_int_equal(h->to, 2020);
    assert_near(h->ring, 25, 0);
    assert_near(h->min_patch, 100, 0);
    assert_string_equal(pc_growth_measure_name(PC_GM_OUTSIDE_DEV), "outside_dev_boundary");
    assert_true(pc_growth_measure_is_yearly(PC_GM_AREA_AM));
    assert_false(pc_growth_measure_is_yearly(PC_GM_CAGR));
    pc_plan_free(&plan);
}

static void network_keys_are_read(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *path = write_plan(OK_PLAN OK_LAYER "[layer r]\nsource = r.gpkg\n"
                                                   "[layer e]\nsource = e.gpkg\n"
                                                   "[indicator x]\nkind = coverage\nlayer = a\n"
                                                   "facility = a\nradius = 5000:10 min, 0:0.3 km\n"
                                                   "distance = network\nnetwork = r\n"
                                                   "entrances = e\nspeed = 4.5 km/h\nsnap = 1\n"
                                                   "access = 40 m\naccess_spacing = 5\n"
                                                   "width = 20\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    const struct pc_indicator_def *d = &plan.indicators[0];
    assert_true(d->walk.along_network);
    assert_string_equal(d->walk.network->name, "r");
    assert_string_equal(d->walk.entrances->name, "e");
    assert_near(d->walk.speed, 75, 1e-9);
    assert_near(d->radius.rules[0].radius_m, 750, 1e-9); /* 10 min at 75 m/min */
    assert_near(d->radius.rules[1].radius_m, 300, 1e-9);
    assert_near(d->walk.snap, 1, 0);
    assert_near(d->walk.access, 40, 0);
    assert_near(d->walk.access_spacing, 5, 0);
    assert_near(d->walk.width, 20, 0);
    pc_plan_free(&plan);
    /* the defaults, and minutes at the default speed */
    path = write_plan(OK_PLAN OK_LAYER "[indicator x]\nkind = coverage\nlayer = a\n"
                                       "facility = a\nradius = 5 min\ndistance = network\n"
                                       "network = a\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    d = &plan.indicators[0];
    assert_near(d->radius.rules[0].radius_m, 5 * PC_DEFAULT_WALK_SPEED, 1e-9);
    assert_near(d->walk.snap, PC_DEFAULT_SNAP, 0);
    assert_near(d->walk.access, PC_DEFAULT_ACCESS, 0);
    assert_near(d->walk.width, PC_DEFAULT_SERVICE_WIDTH, 0);
    assert_null(d->walk.entrances);
    pc_plan_free(&plan);
}

static void map_keys_are_read(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *path = write_plan("[plan]\ncrs = EPSG:4544\ncell_size = 2.5\nextent = d\n"
                                  "[layer d]\nsource = d.gpkg\nrole = boundary\n"
                                  "[layer lu]\nsource = l.gpkg\nrole = landuse\nclass = code\n"
                                  "label = name\n"
                                  "[layer b]\nsource = b.gpkg\nrole = builtup\nyear = 2015\n"
                                  "[layer p]\nsource = p.gpkg\n"
                                  "[indicator x]\nkind = coverage\nlayer = lu\nfacility = p\n"
                                  "radius = 500\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    assert_near(plan.cell_size, 2.5, 0);
    assert_string_equal(plan.extent->name, "d");
    assert_int_equal(pc_plan_source(&plan, "d")->role, PC_ROLE_BOUNDARY);
    const struct pc_source_def *lu = pc_plan_source(&plan, "lu");
    assert_int_equal(lu->role, PC_ROLE_LANDUSE);
    assert_string_equal(lu->class_field, "code");
    assert_string_equal(lu->label_field, "name");
    assert_int_equal(pc_plan_source(&plan, "b")->year, 2015);
    assert_int_equal(pc_plan_source(&plan, "p")->role, PC_ROLE_FACILITY);
    assert_string_equal(pc_role_name(PC_ROLE_DEV_BOUNDARY), "dev_boundary");
    pc_plan_free(&plan);
    /* without cell_size the default holds */
    path = write_plan(OK_PLAN OK_LAYER OK_INDICATOR);
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    assert_near(plan.cell_size, PC_DEFAULT_CELL_SIZE, 0);
    assert_null(plan.extent);
    pc_plan_free(&plan);
}

static void bad_plans_name_line_and_key(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < sizeof bad_plans / sizeof bad_plans[0]; i++) {
        const struct bad_plan *b = &bad_plans[i];
        struct pc_plan plan;
        const char *path = write_plan(b->text);
        int rc = pc_plan_load(path, &plan);
        char prefix[600];
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, b->line);
        const char *message = pc_error_message();
        if (rc != PC_ERR_USAGE || strncmp(message, prefix, strlen(prefix)) != 0 ||
            strstr(message, b->words) == NULL || strchr(message, '\n') != NULL) {
            print_error(
                "case %zu: expected code 2 and one line '%s...%s'\n  got code %d and '%s'\n", i,
                prefix, b->words, rc, message);
            failures++;
        }
        pc_plan_free(&plan);
    }
    assert_int_equal(failures, 0);
}

static void long_lines_are_refused_not_split(void **state)
{
    (void)state;
    char text[1024];
    char quote[400];
    memset(quote, 'x', 300);
    quote[300] = '\0';
    snprintf(text, sizeof text, OK_PLAN OK_LAYER OK_INDICATOR "quote = %s\n", quote);
    struct pc_plan plan;
    const char *path = write_plan(text);
    assert_int_equal(pc_plan_load(path, &plan), PC_ERR_USAGE);
    assert_non_null(strstr(pc_error_message(), ":8: line longer than 199 bytes"));
    pc_plan_free(&plan);
}

static void missing_plan_file(void **state)
{
    (void)state;
    struct pc_plan plan;
    assert_int_equal(pc_plan_load("/nonexistent/plan.ini", &plan), PC_ERR_USAGE);
    assert_string_equal(pc_error_message(),
                        "cannot open plan file </nonexistent/plan.ini>: No such file or directory");
    pc_plan_free(&plan);
}

static void continuation_joins_ascii_with_a_space(void **state)
{
    (void)state;
    struct pc_plan plan;
    const char *path = write_plan(OK_PLAN OK_LAYER OK_INDICATOR "quote = park service\n"
                                                                "  radius coverage\n");
    assert_int_equal(pc_plan_load(path, &plan), PC_OK);
    assert_string_equal(plan.indicators[0].quote, "park service radius coverage");
    pc_plan_free(&plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_plan_is_read_whole),
        cmocka_unit_test(name_defaults_to_file_name),
        cmocka_unit_test(bad_plans_name_line_and_key),
        cmocka_unit_test(map_keys_are_read),
        cmocka_unit_test(network_keys_are_read),
        cmocka_unit_test(growth_keys_are_read),
        cmocka_unit_test(long_lines_are_refused_not_split),
        cmocka_unit_test(missing_plan_file),
        cmocka_unit_test(continuation_joins_ascii_with_a_space),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
