/* test_rules.c: radius rules, targets and units, text width and small helpers. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/utf8.h"
#include "core/util.h"
#include "plan/radius.h"
#include "plan/target.h"

static void radius_rules_pick_the_largest_class_reached(void **state)
{
    (void)state;
    struct pc_radius r;
    char why[128];
    assert_int_equal(pc_radius_parse("2000:300, 5000:500", &r, why, sizeof why), 0);
    assert_true(r.by_area);
    assert_true(pc_radius_for_area(&r, 100000) == 500);
    assert_true(pc_radius_for_area(&r, 5000) == 500); /* "at least" */
    assert_true(pc_radius_for_area(&r, 4999.99) == 300);
    assert_true(pc_radius_for_area(&r, 2000) == 300);
    assert_true(pc_radius_for_area(&r, 1999.99) < 0); /* below the smallest class */
    assert_true(pc_radius_max(&r) == 500);
    pc_radius_free(&r);
}

static void single_radius_serves_every_facility(void **state)
{
    (void)state;
    struct pc_radius r;
    char why[128];
    assert_int_equal(pc_radius_parse(" 300 ", &r, why, sizeof why), 0);
    assert_false(r.by_area);
    assert_true(pc_radius_for_area(&r, 0) == 300); /* points too */
    pc_radius_free(&r);
    assert_int_equal(pc_radius_parse("0:800", &r, why, sizeof why), 0);
    assert_true(pc_radius_for_area(&r, 0) == 800);
    pc_radius_free(&r);
}

static void radii_take_units_and_minutes(void **state)
{
    (void)state;
    struct pc_radius r;
    char why[128];
    assert_int_equal(pc_radius_parse("0.5 km", &r, why, sizeof why), 0);
    assert_true(pc_radius_for_area(&r, 0) == 500);
    assert_false(r.in_minutes);
    pc_radius_free(&r);
    assert_int_equal(pc_radius_parse("500m", &r, why, sizeof why), 0);
    assert_true(pc_radius_for_area(&r, 0) == 500);
    pc_radius_free(&r);
    /* minutes wait for the speed; metres are left alone by it */
    assert_int_equal(pc_radius_parse("10000:15 min, 400:300 m", &r, why, sizeof why), 0);
    assert_true(r.in_minutes);
    pc_radius_set_speed(&r, 60);
    assert_true(pc_radius_for_area(&r, 20000) == 900);
    assert_true(pc_radius_for_area(&r, 500) == 300);
    assert_true(pc_radius_max(&r) == 900);
    pc_radius_free(&r);
}

static void bad_radii_say_why(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"", "no radius given"},
        {"0", "radius '0' is not a positive distance"},
        {"abc", "radius 'abc' is not a positive distance"},
        {"5 hours", "radius '5 hours' is not a positive distance"},
        {"0 min", "radius '0 min' is not a positive distance"},
        {"min", "radius 'min' is not a positive distance"},
        {"500, 300", "give one radius, or AREA:RADIUS rules"},
        {"x:500", "facility area 'x' is not a number"},
        {"-1:500", "facility area '-1' is not a number >= 0"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct pc_radius r;
        char why[128] = "";
        int rc = pc_radius_parse(bad[i][0], &r, why, sizeof why);
        if (rc == 0 || strstr(why, bad[i][1]) == NULL)
            fail_msg("radius '%s': expected failure '%s', got rc %d '%s'", bad[i][0], bad[i][1], rc,
                     why);
    }
}

static void targets_parse_and_judge(void **state)
{
    (void)state;
    struct pc_target t;
    const char *why = NULL;
    assert_int_equal(pc_target_parse(">= 90 %", &t, &why), 0);
    assert_int_equal(pc_target_check(&t, 90.0), PC_STATUS_PASS);
    assert_int_equal(pc_target_check(&t, 89.999), PC_STATUS_FAIL);
    assert_int_equal(pc_target_check(&t, NAN), PC_STATUS_NONE);
    assert_int_equal(pc_target_parse("<=1600ha", &t, &why), 0);
    assert_int_equal(t.unit, PC_UNIT_HA);
    assert_int_equal(pc_target_check(&t, 2059), PC_STATUS_FAIL);
    assert_int_equal(pc_target_parse("≥ 12 m²/person", &t, &why), 0);
    assert_int_equal(t.op, PC_CMP_GE);
    assert_int_equal(t.unit, PC_UNIT_M2_PER_PERSON);
    assert_int_equal(pc_target_parse("< 7.7 亩", &t, &why), 0);
    assert_int_equal(t.unit, PC_UNIT_MU);
    assert_int_equal(pc_target_check(&t, 7.7), PC_STATUS_FAIL);
    assert_int_equal(pc_target_parse("> 20 km/km2", &t, &why), 0);
    assert_int_equal(pc_target_parse("= 3 count", &t, &why), 0);
    assert_int_equal(pc_target_check(&t, 3), PC_STATUS_PASS);
    assert_int_equal(pc_target_parse("=> 3 count", &t, &why), -1);
    assert_int_equal(pc_target_parse(">= 1e999 %", &t, &why), -1);
}

static void area_units_convert_to_square_metres(void **state)
{
    (void)state;
    assert_true(pc_unit_m2(PC_UNIT_KM2) == 1e6);
    assert_true(pc_unit_m2(PC_UNIT_HA) == 1e4);
    assert_true(fabs(pc_unit_m2(PC_UNIT_MU) - 666.6666666666666) < 1e-9); /* 1 亩 = 1/15 ha */
    assert_int_equal(pc_unit_family(PC_UNIT_MU), PC_FAMILY_AREA);
    assert_int_equal(pc_unit_family(PC_UNIT_PERCENT), PC_FAMILY_PERCENT);
    assert_string_equal(pc_unit_name(pc_unit_parse("km²")), "km2");
    /* every target unit of issue 5: parsed, named and of its family */
    static const struct {
        const char *text, *name;
        enum pc_unit_family family;
    } units[] = {{"%", "%", PC_FAMILY_PERCENT},
                 {"km2", "km2", PC_FAMILY_AREA},
                 {"ha", "ha", PC_FAMILY_AREA},
                 {"m²", "m2", PC_FAMILY_AREA},
                 {"亩", "mu", PC_FAMILY_AREA},
                 {"m²/person", "m2/person", PC_FAMILY_PER_CAPITA},
                 {"km/km²", "km/km2", PC_FAMILY_DENSITY},
                 {"count", "count", PC_FAMILY_COUNT}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        enum pc_unit u = pc_unit_parse(units[i].text);
        assert_string_equal(pc_unit_name(u), units[i].name);
        assert_int_equal(pc_unit_family(u), units[i].family);
    }
    assert_int_equal(pc_unit_parse("acre"), PC_UNIT_NONE);
    assert_true(pc_unit_m2(PC_UNIT_M2_PER_PERSON) == 0); /* not an area */
}

static void chinese_text_is_two_columns_wide(void **state)
{
    (void)state;
    assert_int_equal(pc_utf8_width("老城片区"), 8);
    assert_int_equal(pc_utf8_width("ab"), 2);
    assert_int_equal(pc_utf8_width("〔2022〕21号"), 2 + 4 + 2 + 2 + 2);
    assert_int_equal(pc_utf8_width(NULL), 0);
}

static void utf8_is_checked_and_repaired(void **state)
{
    (void)state;
    assert_true(pc_utf8_valid("老城片区 ok"));
    assert_false(pc_utf8_valid("\xc0\xcf\xb3\xc7")); /* 老城 in GBK */
    assert_false(pc_utf8_valid("\xed\xa0\x80"));     /* a UTF-16 surrogate */
    assert_false(pc_utf8_valid("\xc0\xaf"));         /* overlong '/' */
    char *fixed = pc_utf8_repair("a\xc0"
                                 "b");
    assert_string_equal(fixed, "a\xef\xbf\xbd"
                               "b");
    free(fixed);
}

static void paths_and_connections(void **state)
{
    (void)state;
    char *p = pc_path_join("layers/yongchuan", "yongchuan.gpkg");
    assert_string_equal(p, "layers/yongchuan/yongchuan.gpkg");
    free(p);
    p = pc_path_join("layers", "/data/x.shp");
    assert_string_equal(p, "/data/x.shp");
    free(p);
    p = pc_path_dirname("plan.ini");
    assert_string_equal(p, ".");
    free(p);
    assert_true(pc_source_is_connection("PG:dbname=gis"));
    assert_true(pc_source_is_connection("/vsizip/a.zip/b.shp"));
    assert_false(pc_source_is_connection("C:/data/a.shp"));
    assert_false(pc_source_is_connection("yongchuan.gpkg"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(radius_rules_pick_the_largest_class_reached),
        cmocka_unit_test(single_radius_serves_every_facility),
        cmocka_unit_test(bad_radii_say_why),
        cmocka_unit_test(radii_take_units_and_minutes),
        cmocka_unit_test(targets_parse_and_judge),
        cmocka_unit_test(area_units_convert_to_square_metres),
        cmocka_unit_test(chinese_text_is_two_columns_wide),
        cmocka_unit_test(utf8_is_checked_and_repaired),
        cmocka_unit_test(paths_and_connections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
