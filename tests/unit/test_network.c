/* test_network.c: the walking graph on small networks whose distances follow by hand: a
 * square grid, a source in the middle of an edge, dangling ends within and beyond the snap
 * tolerance, negative starting costs, and the reached parts of edges. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/error.h"
#include "geo/network.h"
#include "support.h"

/* Grid spacing of the closed-form cases, metres. */
#define STEP 100.0

/* A 3 x 3 grid of lines 0..200 m, each line drawn whole, so noding must split them. */
static struct pc_network *grid(struct pc_geos *g, double snap)
{
    const char *texts[] = {"LINESTRING (0 0, 200 0)",     "LINESTRING (0 100, 200 100)",
                           "LINESTRING (0 200, 200 200)", "LINESTRING (0 0, 0 200)",
                           "LINESTRING (100 0, 100 200)", "LINESTRING (200 0, 200 200)"};
    GEOSGeometry *lines[6];
    for (size_t i = 0; i < 6; i++)
        lines[i] = fx_wkt(g, texts[i]);
    struct pc_network *net = NULL;
    assert_int_equal(pc_network_build(g, (const GEOSGeometry *const *)lines, 6, snap, &net), PC_OK);
    for (size_t i = 0; i < 6; i++)
        GEOSGeom_destroy_r(g->h, lines[i]);
    return net;
}

/* Cost at point (x, y), which must lie on the network (connector 0). */
static double cost_at(const struct pc_network *net, double x, double y)
{
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, x, y, &link), 0);
    return link.connector + pc_network_cost_at(net, &link);
}

static void add_source(struct pc_network *net, double x, double y, double cost)
{
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, x, y, &link), 0);
    assert_int_equal(pc_network_add_source(net, &link, link.connector + cost), PC_OK);
}

static void grid_distances_are_manhattan(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    struct pc_network *net = grid(g, 0);
    struct pc_network_stats st = pc_network_stats(net);
    assert_int_equal(st.n_nodes, 9);
    assert_int_equal(st.n_edges, 12);
    assert_near(st.length_m, 1200, 1e-9);

    add_source(net, 0, 0, 0);
    assert_int_equal(pc_network_solve(net, 1000), PC_OK);
    assert_near(cost_at(net, 200, 200), 400, 1e-9);
    assert_near(cost_at(net, 100, 100), 200, 1e-9);
    assert_near(cost_at(net, 150, 200), 350, 1e-9); /* middle of an edge */
    /* a point 30 m off the network: joined to (130, 100), cost 230 + connector 30 */
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 130, 130, &link), 0);
    assert_near(link.connector, 30, 1e-9);
    assert_near(pc_network_cost_at(net, &link), 230, 1e-9);
    /* the diagonal's straight distance is shorter than any path: network >= straight */
    assert_true(cost_at(net, 200, 200) >= hypot(200, 200));
    pc_network_free(net);
    pc_geos_free(g);
}

static void source_on_edge_and_bound(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    struct pc_network *net = grid(g, 0);
    /* a facility 10 m off the middle of the bottom edge */
    add_source(net, 50, -10, 0);
    assert_int_equal(pc_network_solve(net, 200), PC_OK);
    assert_near(cost_at(net, 50, 0), 10, 1e-9); /* on the source's own edge */
    assert_near(cost_at(net, 80, 0), 40, 1e-9); /* along that edge, not via a node */
    assert_near(cost_at(net, 100, 50), 110, 1e-9);
    assert_near(cost_at(net, 0, 90), 150, 1e-9);
    /* (0, 150) is 210 away: beyond the bound of 200, unreached */
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 0, 150, &link), 0);
    assert_true(isinf(pc_network_cost_at(net, &link)));
    pc_network_free(net);
    pc_geos_free(g);
}

static void negative_costs_are_radius_slack(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    struct pc_network *net = grid(g, 0);
    /* facility A at (0, 0) serving 300 m, facility B at (200, 200) serving 100 m */
    add_source(net, 0, 0, -300);
    add_source(net, 200, 200, -100);
    assert_int_equal(pc_network_solve(net, 0), PC_OK);
    assert_near(cost_at(net, 100, 100), -100, 1e-9); /* 200 from A: 100 m to spare */
    assert_near(cost_at(net, 200, 150), -50, 1e-9);  /* B: 50 m away of its 100 */
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 200, 80, &link), 0);
    /* 280 from A (20 to spare), 120 from B (20 too far): covered through A */
    assert_near(pc_network_cost_at(net, &link), -20, 1e-9);
    assert_int_equal(pc_network_link(net, 150, 200, &link), 0);
    assert_near(pc_network_cost_at(net, &link), -50, 1e-9);
    pc_network_free(net);
    pc_geos_free(g);
}

/* Saved costs answer as the pass they were saved from, after the network solved another
 * (the walking coverage keeps the distance pass while the slack pass decides coverage). */
static void saved_costs_outlive_the_next_pass(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    struct pc_network *net = grid(g, 0);
    add_source(net, 0, 0, 0);
    assert_int_equal(pc_network_solve(net, 1000), PC_OK);
    struct pc_network_costs *saved = pc_network_costs_save(net);
    assert_non_null(saved);
    pc_network_clear(net);
    add_source(net, 200, 200, -100);
    assert_int_equal(pc_network_solve(net, 0), PC_OK);
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 150, 200, &link), 0);
    assert_near(pc_network_costs_at(net, saved, &link), 350, 1e-9); /* from (0, 0) */
    assert_near(pc_network_cost_at(net, &link), -50, 1e-9);         /* the new pass */
    assert_int_equal(pc_network_link(net, 0, 50, &link), 0);
    assert_near(pc_network_costs_at(net, saved, &link), 50, 1e-9);
    assert_true(isinf(pc_network_cost_at(net, &link))); /* 350 from B: beyond its 100 */
    pc_network_costs_free(saved);
    pc_network_free(net);
    pc_geos_free(g);
}

static void dangling_ends_snap_within_tolerance(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    /* a street ending 1.5 m short of a cross street, and one 5 m short */
    GEOSGeometry *lines[3] = {fx_wkt(g, "LINESTRING (0 0, 200 0)"),
                              fx_wkt(g, "LINESTRING (100 1.5, 100 101.5)"),
                              fx_wkt(g, "LINESTRING (150 5, 150 105)")};
    struct pc_network *net = NULL;
    assert_int_equal(pc_network_build(g, (const GEOSGeometry *const *)lines, 3, 2.0, &net), PC_OK);
    struct pc_network_stats st = pc_network_stats(net);
    assert_int_equal(st.n_snapped, 1);
    /* nodes: 0,0 200,0 and the split at 100,0, then the two ends of each cross street */
    assert_int_equal(st.n_nodes, 7);
    assert_int_equal(st.n_edges, 5); /* two halves, two cross streets, one connector */
    add_source(net, 0, 0, 0);
    assert_int_equal(pc_network_solve(net, 1000), PC_OK);
    assert_near(cost_at(net, 100, 101.5), 100 + 1.5 + 100, 1e-9);
    /* the street 5 m short stays cut off */
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 150, 105, &link), 0);
    assert_true(isinf(pc_network_cost_at(net, &link)));
    pc_network_free(net);
    for (size_t i = 0; i < 3; i++)
        GEOSGeom_destroy_r(g->h, lines[i]);
    pc_geos_free(g);
}

static void reached_edges_are_cut_at_the_limit(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    struct pc_network *net = grid(g, 0);
    add_source(net, 0, 0, 0);
    assert_int_equal(pc_network_solve(net, 150), PC_OK);
    GEOSGeometry *reached = NULL;
    assert_int_equal(pc_network_reached(g, net, 150, &reached), PC_OK);
    double len = 0;
    assert_int_equal(GEOSLength_r(g->h, reached, &len), 1);
    /* 100 + 50 along both axes, plus 50 up from (100, 0) and 50 across from (0, 100) */
    assert_near(len, 400, 1e-9);
    GEOSGeom_destroy_r(g->h, reached);
    /* a smaller limit than solved with cuts shorter */
    assert_int_equal(pc_network_reached(g, net, 50, &reached), PC_OK);
    assert_int_equal(GEOSLength_r(g->h, reached, &len), 1);
    assert_near(len, 100, 1e-9);
    GEOSGeom_destroy_r(g->h, reached);
    pc_network_free(net);
    pc_geos_free(g);
}

static void empty_network_cannot_link(void **state)
{
    (void)state;
    struct pc_geos *g = pc_geos_new();
    GEOSGeometry *point = fx_wkt(g, "POINT (1 1)");
    struct pc_network *net = NULL;
    assert_int_equal(pc_network_build(g, (const GEOSGeometry *const *)&point, 1, 2, &net), PC_OK);
    struct pc_network_link link;
    assert_int_equal(pc_network_link(net, 0, 0, &link), -1);
    assert_int_equal(pc_network_stats(net).n_edges, 0);
    pc_network_free(net);
    GEOSGeom_destroy_r(g->h, point);
    pc_geos_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grid_distances_are_manhattan),
        cmocka_unit_test(source_on_edge_and_bound),
        cmocka_unit_test(negative_costs_are_radius_slack),
        cmocka_unit_test(saved_costs_outlive_the_next_pass),
        cmocka_unit_test(dangling_ends_snap_within_tolerance),
        cmocka_unit_test(reached_edges_are_cut_at_the_limit),
        cmocka_unit_test(empty_network_cannot_link),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
