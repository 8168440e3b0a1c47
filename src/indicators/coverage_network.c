/* coverage_network.c: coverage along the street network (`distance = network`). The walking
 * graph is built once per indicator; facilities are joined to it at access points (their
 * entrances, the points of their outline near a street, or the point itself); one bounded
 * multi-source shortest-path pass gives every parcel its walking distance to the nearest
 * facility, and a second pass with each facility's radius subtracted decides coverage when
 * radii differ by facility size. docs/walking-network.md states the method. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/table_spool.h"
#include "core/util.h"
#include "geo/geom.h"
#include "geo/union_parallel.h"
#include "geo/hits.h"
#include "geo/network.h"
#include "indicators/coverage.h"
#include "indicators/eval.h"

/* STRtree node capacity for facilities (DESIGN.md §3). */
#define PC_FACILITY_TREE_CAPACITY 10

/* One access point of a facility: where it joins the network, what reaching it costs beyond
 * the network (its connector, plus an entrance's distance to the facility), and the radius
 * of the facility it opens. */
struct access {
    struct pc_network_link link;
    double cost;
    double radius;
};

/* An entrance assigned to a facility. */
struct entrance {
    size_t facility;
    double x, y, to_facility;
};

struct walk {
    struct coverage *c;
    struct pc_network *net; /* borrowed from the evaluation's cache */
    struct access *access;
    size_t n_access, cap_access;
    struct entrance *entrances;
    size_t n_entrances, cap_entrances, n_stray_entrances;
    double *radius;       /* per facility; < 0 when it does not qualify (owned) */
    size_t n_reached;     /* qualifying facilities with at least one access point */
    size_t n_by_gate;     /* facilities reached through entrances */
    GEOSGeometry *lines;  /* owned; the reached parts of streets */
    struct pc_table *all; /* <id>_parcels (owned by the evaluation) */
};

/* The columns of <id>_parcels; <id>_gaps has the first four. */
static const struct {
    const char *name;
    enum pc_col_type type;
} parcel_columns[] = {
    {"source_fid", PC_COL_INT}, {"area_m2", PC_COL_REAL},     {"population", PC_COL_REAL},
    {"network_m", PC_COL_REAL}, {"connector_m", PC_COL_REAL}, {"covered", PC_COL_INT},
};

static int add_access(struct walk *w, const struct pc_network_link *link, double cost,
                      double radius)
{
    if (pc_reserve((void **)&w->access, &w->cap_access, w->n_access + 1, sizeof *w->access) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    w->access[w->n_access++] = (struct access){*link, link->connector + cost, radius};
    return PC_OK;
}

/* The walking graph of the `network` layer, shared with other indicators on it (the error
 * for a layer without lines names this indicator). */
static int build_graph(struct walk *w)
{
    struct coverage *c = w->c;
    const struct pc_walk_def *wd = &c->def->walk;
    int rc = pc_eval_network(c->ev, wd->network, wd->snap, &w->net);
    if (rc != PC_OK)
        return rc;
    if (pc_network_stats(w->net).n_edges == 0)
        return pc_error(PC_ERR_USAGE,
                        "%s:%d: [indicator %s]: the network layer <%s> has no lines to walk "
                        "along (%zu features read)",
                        c->ev->plan->ini.path, pc_plan_key_line(c->def->section, "network"),
                        c->def->id, wd->network->name,
                        pc_eval_network_features(c->ev, wd->network));
    return PC_OK;
}

/* Every point of the linear ring or line `seq` and points between them so that no gap
 * exceeds `spacing`, each passed to visit(); a closed ring's last point is its first. */
static int densify(struct pc_geos *g, const GEOSCoordSequence *seq, int closed, double spacing,
                   int (*visit)(double x, double y, void *data), void *data)
{
    unsigned int n = 0;
    if (!GEOSCoordSeq_getSize_r(g->h, seq, &n))
        return pc_geos_fail(g, "reading a facility outline");
    double x0 = 0, y0 = 0, x1, y1;
    for (unsigned int k = 0; k < n; k++) {
        if (!GEOSCoordSeq_getXY_r(g->h, seq, k, &x1, &y1))
            return pc_geos_fail(g, "reading a facility outline");
        if (k > 0) {
            double m = fmax(1.0, ceil(hypot(x1 - x0, y1 - y0) / spacing));
            for (double j = 0; j < m; j++) {
                int rc = visit(x0 + (x1 - x0) * j / m, y0 + (y1 - y0) * j / m, data);
                if (rc != PC_OK)
                    return rc;
            }
        }
        x0 = x1;
        y0 = y1;
    }
    return n > 0 && !closed ? visit(x0, y0, data) : PC_OK;
}

/* The access candidates of one facility outline: those within `access` of a street, or the
 * nearest one when none is. */
struct outline {
    struct walk *w;
    double radius;
    size_t added;
    int have_best;
    struct pc_network_link best;
};

static int visit_outline_point(double x, double y, void *data)
{
    struct outline *o = data;
    struct pc_network_link link;
    if (pc_network_link(o->w->net, x, y, &link) != 0)
        return PC_OK;
    if (link.connector <= o->w->c->def->walk.access) {
        o->added++;
        return add_access(o->w, &link, 0, o->radius);
    }
    if (!o->have_best || link.connector < o->best.connector) {
        o->best = link;
        o->have_best = 1;
    }
    return PC_OK;
}

/* Calls densify() on every ring (polygons: exterior then interiors) or line of geom. */
static int visit_outlines(struct pc_geos *g, const GEOSGeometry *geom, double spacing,
                          struct outline *o)
{
    int type = GEOSGeomTypeId_r(g->h, geom);
    int rc = PC_OK;
    if (type == GEOS_MULTIPOLYGON || type == GEOS_MULTILINESTRING ||
        type == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(g->h, geom);
        for (int i = 0; i < n && rc == PC_OK; i++)
            rc = visit_outlines(g, GEOSGetGeometryN_r(g->h, geom, i), spacing, o);
        return rc;
    }
    if (type == GEOS_LINESTRING)
        return densify(g, GEOSGeom_getCoordSeq_r(g->h, geom), 0, spacing, visit_outline_point, o);
    if (type != GEOS_POLYGON)
        return PC_OK;
    int holes = GEOSGetNumInteriorRings_r(g->h, geom);
    for (int i = -1; i < holes && rc == PC_OK; i++) {
        const GEOSGeometry *ring =
            i < 0 ? GEOSGetExteriorRing_r(g->h, geom) : GEOSGetInteriorRingN_r(g->h, geom, i);
        rc = densify(g, GEOSGeom_getCoordSeq_r(g->h, ring), 1, spacing, visit_outline_point, o);
    }
    return rc;
}

/* Access points of the points of a (multi)point facility: each point, whatever its
 * connector. */
static int point_access(struct walk *w, const GEOSGeometry *geom, double radius)
{
    struct pc_geos *g = w->c->ev->g;
    int n = GEOSGetNumGeometries_r(g->h, geom);
    for (int i = 0; i < n; i++) {
        double x, y;
        struct pc_network_link link;
        const GEOSGeometry *pt = GEOSGetGeometryN_r(g->h, geom, i);
        if (GEOSGeomGetX_r(g->h, pt, &x) != 1 || GEOSGeomGetY_r(g->h, pt, &y) != 1)
            return pc_geos_fail(g, "reading a facility point");
        if (pc_network_link(w->net, x, y, &link) == 0) {
            int rc = add_access(w, &link, 0, radius);
            if (rc != PC_OK)
                return rc;
        }
    }
    return PC_OK;
}

static int by_facility(const void *a, const void *b)
{
    const struct entrance *x = a, *y = b;
    return (x->facility > y->facility) - (x->facility < y->facility);
}

/* Assigns each entrance point to the nearest qualifying facility within `access` metres;
 * sorts them by facility. */
static int assign_entrances(struct walk *w)
{
    struct coverage *c = w->c;
    struct pc_geos *g = c->ev->g;
    const struct pc_layer *E = pc_eval_layer(c->ev, c->def->walk.entrances);
    double reach = c->def->walk.access;
    GEOSSTRtree *tree = GEOSSTRtree_create_r(g->h, PC_FACILITY_TREE_CAPACITY);
    struct pc_hits hits = {0};
    int rc = PC_OK;
    if (tree == NULL)
        return pc_geos_fail(g, "creating an STRtree");
    for (size_t i = 0; i < c->facilities->n; i++)
        if (w->radius[i] >= 0)
            GEOSSTRtree_insert_r(g->h, tree, c->facilities->geoms[i], pc_hits_item(i));
    for (size_t j = 0; j < E->n && rc == PC_OK; j++) {
        int parts = GEOSGetNumGeometries_r(g->h, E->geoms[j]);
        for (int k = 0; k < parts && rc == PC_OK; k++) {
            const GEOSGeometry *pt = GEOSGetGeometryN_r(g->h, E->geoms[j], k);
            double x, y;
            if (GEOSGeomTypeId_r(g->h, pt) != GEOS_POINT || GEOSGeomGetX_r(g->h, pt, &x) != 1 ||
                GEOSGeomGetY_r(g->h, pt, &y) != 1)
                continue;
            GEOSGeometry *box =
                GEOSGeom_createRectangle_r(g->h, x - reach, y - reach, x + reach, y + reach);
            if (box == NULL) {
                rc = pc_geos_fail(g, "making a search box");
                break;
            }
            hits.n = 0;
            GEOSSTRtree_query_r(g->h, tree, box, pc_hits_collect, &hits);
            GEOSGeom_destroy_r(g->h, box);
            if (hits.failed) {
                rc = pc_error(PC_ERR_RUN, "out of memory");
                break;
            }
            size_t best = SIZE_MAX;
            double best_d = INFINITY;
            for (size_t h = 0; h < hits.n; h++) {
                double d;
                if (GEOSDistance_r(g->h, pt, c->facilities->geoms[hits.items[h]], &d) != 1) {
                    rc = pc_geos_fail(g, "measuring an entrance");
                    break;
                }
                if (d <= reach && (d < best_d || (d == best_d && hits.items[h] < best))) {
                    best = hits.items[h];
                    best_d = d;
                }
            }
            if (rc != PC_OK)
                break;
            if (best == SIZE_MAX) {
                w->n_stray_entrances++;
                continue;
            }
            if (pc_reserve((void **)&w->entrances, &w->cap_entrances, w->n_entrances + 1,
                           sizeof *w->entrances) != 0) {
                rc = pc_error(PC_ERR_RUN, "out of memory");
                break;
            }
            w->entrances[w->n_entrances++] = (struct entrance){best, x, y, best_d};
        }
    }
    pc_hits_free(&hits);
    GEOSSTRtree_destroy_r(g->h, tree);
    /* a stable order: by facility, and within one by the order read (qsort is not stable,
     * but entrances of one facility differ only in position, and every one is used) */
    if (w->n_entrances > 0) /* entrances is NULL without any */
        qsort(w->entrances, w->n_entrances, sizeof *w->entrances, by_facility);
    return rc;
}

/* The access points of every qualifying facility. */
static int find_access(struct walk *w)
{
    struct coverage *c = w->c;
    struct pc_geos *g = c->ev->g;
    const struct pc_layer *F = c->facilities;
    int rc;
    w->radius = malloc((F->n ? F->n : 1) * sizeof *w->radius);
    if (w->radius == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < F->n; i++) {
        w->radius[i] = pc_radius_for_area(&c->def->radius, pc_geom_area(g, F->geoms[i]));
        if (w->radius[i] < 0)
            c->n_too_small++;
        else
            c->n_qualifying++;
    }
    if (c->def->walk.entrances != NULL && (rc = assign_entrances(w)) != PC_OK)
        return rc;
    size_t e = 0;
    for (size_t i = 0; i < F->n; i++) {
        if (w->radius[i] < 0)
            continue;
        size_t before = w->n_access;
        int type = GEOSGeomTypeId_r(g->h, F->geoms[i]);
        while (e < w->n_entrances && w->entrances[e].facility < i)
            e++;
        if (e < w->n_entrances && w->entrances[e].facility == i) {
            for (; e < w->n_entrances && w->entrances[e].facility == i; e++) {
                struct pc_network_link link;
                if (pc_network_link(w->net, w->entrances[e].x, w->entrances[e].y, &link) == 0 &&
                    (rc = add_access(w, &link, w->entrances[e].to_facility, w->radius[i])) != PC_OK)
                    return rc;
            }
            w->n_by_gate++;
        } else if (type == GEOS_POINT || type == GEOS_MULTIPOINT) {
            if ((rc = point_access(w, F->geoms[i], w->radius[i])) != PC_OK)
                return rc;
        } else {
            struct outline o = {.w = w, .radius = w->radius[i]};
            if ((rc = visit_outlines(g, F->geoms[i], c->def->walk.access_spacing, &o)) != PC_OK)
                return rc;
            if (o.added == 0 && o.have_best && (rc = add_access(w, &o.best, 0, o.radius)) != PC_OK)
                return rc;
        }
        if (w->n_access > before)
            w->n_reached++;
    }
    return PC_OK;
}

/* Adds every access point as a source with its cost, less its facility's radius when
 * `slack` (then a cost <= 0 means covered), and runs one pass bounded by `limit`. */
static int solve(struct walk *w, int slack, double limit)
{
    pc_network_clear(w->net);
    for (size_t i = 0; i < w->n_access; i++) {
        const struct access *a = &w->access[i];
        int rc = pc_network_add_source(w->net, &a->link, a->cost - (slack ? a->radius : 0));
        if (rc != PC_OK)
            return rc;
    }
    return pc_network_solve(w->net, limit);
}

/* The distances of every parcel, solved once before the first batch. */
struct walk_costs {
    struct pc_network_costs *nearest; /* owned; the pass to the nearest facility */
    int by_area;                      /* the network's own costs: each radius subtracted */
};

/* Solves the passes every parcel is measured against: the walking distance to the nearest
 * facility bounded by the largest radius (saved), then with radii by facility size a second
 * pass with each facility's radius subtracted. The network is left with the last pass, whose
 * reached streets draw the service area. */
static int solve_passes(struct walk *w, struct walk_costs *wc)
{
    const struct pc_radius *r = &w->c->def->radius;
    int rc = solve(w, 0, pc_radius_max(r));
    if (rc != PC_OK)
        return rc;
    if ((wc->nearest = pc_network_costs_save(w->net)) == NULL)
        return PC_ERR_RUN;
    wc->by_area = r->by_area;
    return r->by_area ? solve(w, 1, 0) : PC_OK;
}

/* Joins each parcel of the batch to the network at a point inside it, and gives it its
 * distance to the nearest facility (NAN beyond the largest radius) and its coverage. */
static int measure_batch(struct walk *w, const struct walk_costs *wc)
{
    struct coverage *c = w->c;
    struct pc_geos *g = c->ev->g;
    double r_max = pc_radius_max(&c->def->radius);
    for (size_t i = 0; i < c->n_parcels; i++) {
        struct parcel *p = &c->parcels[i];
        GEOSGeometry *pt = GEOSPointOnSurface_r(g->h, p->part);
        double x, y;
        int ok =
            pt != NULL && GEOSGeomGetX_r(g->h, pt, &x) == 1 && GEOSGeomGetY_r(g->h, pt, &y) == 1;
        if (pt != NULL)
            GEOSGeom_destroy_r(g->h, pt);
        if (!ok)
            return pc_geos_fail(g, "finding a point inside a parcel");
        struct pc_network_link link;
        pc_network_link(w->net, x, y, &link); /* the graph has edges: never fails */
        p->connector_m = link.connector;
        double d = p->connector_m + pc_network_costs_at(w->net, wc->nearest, &link);
        p->network_m = d <= r_max ? d : NAN;
        p->cover = d <= r_max ? PC_REL_INSIDE : PC_REL_OUTSIDE; /* one radius: r_max */
        if (wc->by_area) {
            double slack = p->connector_m + pc_network_cost_at(w->net, &link);
            p->cover = slack <= 0 ? PC_REL_INSIDE : PC_REL_OUTSIDE;
        }
        p->covered_area = p->cover == PC_REL_INSIDE ? p->area : 0;
    }
    return PC_OK;
}

/* Makes <id>_parcels (every parcel with its distance) and <id>_gaps (the uncovered ones). */
static int create_parcel_tables(struct walk *w)
{
    struct coverage *c = w->c;
    w->all = pc_eval_output_table(c->ev, c->def, "parcels");
    c->gaps = pc_eval_output_table(c->ev, c->def, "gaps");
    if (w->all == NULL || c->gaps == NULL)
        return pc_error_code();
    for (size_t k = 0; k < sizeof parcel_columns / sizeof parcel_columns[0]; k++)
        if (pc_table_add_column(w->all, parcel_columns[k].name, parcel_columns[k].type) < 0 ||
            (k < 4 &&
             pc_table_add_column(c->gaps, parcel_columns[k].name, parcel_columns[k].type) < 0))
            return PC_ERR_RUN;
    return PC_OK;
}

/* Writes the batch's rows of <id>_parcels and <id>_gaps and spills both to disk. */
static int write_parcels(struct walk *w)
{
    struct coverage *c = w->c;
    struct pc_geos *g = c->ev->g;
    for (size_t i = 0; i < c->n_parcels; i++) {
        const struct parcel *p = &c->parcels[i];
        int covered = p->cover == PC_REL_INSIDE;
        for (int t = 0; t < 2; t++) {
            struct pc_table *tab = t == 0 ? w->all : c->gaps;
            if (t == 1 && covered)
                break;
            GEOSGeometry *copy = GEOSGeom_clone_r(g->h, p->part);
            if (copy == NULL)
                return pc_geos_fail(g, "copying a parcel");
            long row = pc_table_add_row(tab, g, copy);
            if (row < 0)
                return PC_ERR_RUN;
            size_t rw = (size_t)row;
            pc_table_set_int(tab, rw, 0, c->measured->fids[p->feature]);
            pc_table_set_real(tab, rw, 1, p->area);
            if (c->measured->population != NULL)
                pc_table_set_real(tab, rw, 2, p->area * p->pop_per_m2);
            pc_table_set_real(tab, rw, 3, p->network_m);
            if (t == 0) {
                pc_table_set_real(tab, rw, 4, p->connector_m);
                pc_table_set_int(tab, rw, 5, covered);
            }
        }
    }
    int rc = pc_table_spill(w->all, g);
    return rc == PC_OK ? pc_table_spill(c->gaps, g) : rc;
}

/* What walk_batch measures with. */
struct walk_pass {
    struct walk *w;
    const struct walk_costs *costs;
    double seconds_rows; /* writing the parcel rows */
};

/* A pc_batch_fn: one batch of parcels clipped, measured along the network, written and
 * summed. */
static int walk_batch(struct pc_eval *ev, const struct pc_layer *batch, size_t first, void *data)
{
    struct walk_pass *pass = data;
    struct coverage *c = pass->w->c;
    (void)ev, (void)first;
    int rc = pc_coverage_clip_batch(c, batch, NULL, 0.3, 0.8);
    if (rc == PC_OK)
        rc = measure_batch(pass->w, pass->costs);
    double t0 = pc_seconds();
    if (rc == PC_OK)
        rc = write_parcels(pass->w);
    pass->seconds_rows += pc_seconds() - t0;
    if (rc == PC_OK)
        rc = pc_coverage_tally_batch(c);
    pc_coverage_end_batch(c);
    return rc;
}

/* Above this many reached street pieces the service area is drawn in square tiles of
 * PC_SERVICE_AREA_TILE_M: one union of a city's streets is a polygon with a hole for every
 * block, and took 36 of the 40 s of a walking indicator at 400,000 edges (docs/performance.md).
 * The sample's districts stay below it and are drawn in one piece. */
#define PC_SERVICE_AREA_TILED_LINES 20000
#define PC_SERVICE_AREA_TILE_M      2000.0

/* Segments per quarter circle of the band drawn along the reached streets: a map layer, not
 * a measured figure. 4 puts the arcs of a 25 m band within 0.5 m (25 (1 - cos(pi/16))) and
 * has a quarter of the vertices of the plan's 18, which the union pays for many times over. */
#define PC_SERVICE_AREA_QUADSEGS 4

/* The reached streets drawn `width` metres to each side, in one piece (*tiled 0) or, for a
 * city's streets, in tiles that buffer their own streets (*tiled 1); a new geometry, or NULL
 * with pc_error(). Each reached line is buffered alone, then one union: buffering the whole
 * collection at once is many times slower (GEOS falls back to reduced precision on it). */
static GEOSGeometry *draw_service_area(struct walk *w, int *tiled)
{
    struct coverage *c = w->c;
    struct pc_geos *g = c->ev->g;
    int n = GEOSGetNumGeometries_r(g->h, w->lines);
    GEOSGeometry **pieces = malloc((n > 0 ? (size_t)n : 1) * sizeof *pieces);
    if (pieces == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    *tiled = n > PC_SERVICE_AREA_TILED_LINES;
    if (*tiled) {
        for (int k = 0; k < n; k++)
            pieces[k] = (GEOSGeometry *)GEOSGetGeometryN_r(g->h, w->lines, k);
        GEOSGeometry *area =
            pc_geom_buffer_union_tiled(g, pieces, (size_t)n, c->def->walk.width,
                                       PC_SERVICE_AREA_QUADSEGS, PC_SERVICE_AREA_TILE_M);
        free(pieces);
        pc_eval_notice(c->ev, 0, "%s: service area of %d street pieces drawn in tiles of %g m",
                       c->def->id, n, PC_SERVICE_AREA_TILE_M);
        return area;
    }
    int k = 0;
    for (; k < n; k++) {
        pieces[k] = GEOSBuffer_r(g->h, GEOSGetGeometryN_r(g->h, w->lines, k), c->def->walk.width,
                                 PC_SERVICE_AREA_QUADSEGS);
        if (pieces[k] == NULL)
            break;
    }
    if (k < n) {
        while (k-- > 0)
            GEOSGeom_destroy_r(g->h, pieces[k]);
        free(pieces);
        pc_geos_fail(g, "drawing the service area");
        return NULL;
    }
    GEOSGeometry *area = pc_geom_union_take_parallel(g, pieces, (size_t)n);
    free(pieces);
    return area;
}

/* Writes <id>_service_area from the reached streets. */
static int write_service_area(struct walk *w)
{
    struct pc_geos *g = w->c->ev->g;
    int tiled;
    GEOSGeometry *area = draw_service_area(w, &tiled);
    if (area == NULL)
        return PC_ERR_RUN;
    /* tiles are polygonal already and must not be dissolved back into one */
    int rc = tiled ? PC_OK : pc_geom_keep_polygons(g, &area);
    if (rc == PC_OK)
        rc = pc_coverage_write_service_area(w->c, area);
    if (area != NULL)
        GEOSGeom_destroy_r(g->h, area);
    return rc;
}

int pc_coverage_network(struct coverage *c)
{
    struct walk w = {.c = c};
    struct walk_costs costs = {0};
    struct walk_pass pass = {&w, &costs, 0};
    struct pc_progress *progress = &c->ev->progress;
    char msg[256];
    int rc;
    snprintf(msg, sizeof msg, "%s: building the walking graph of <%s>", c->def->id,
             c->def->walk.network->name);
    pc_progress_report(progress, 0.05, msg);
    double t[6];
    t[0] = pc_seconds();
    if ((rc = build_graph(&w)) != PC_OK)
        goto done;
    t[1] = pc_seconds();
    if ((rc = find_access(&w)) != PC_OK)
        goto done;
    t[2] = pc_seconds();
    snprintf(msg, sizeof msg, "%s: walking from %zu access points", c->def->id, w.n_access);
    pc_progress_report(progress, 0.2, msg);
    if ((rc = solve_passes(&w, &costs)) != PC_OK || (rc = create_parcel_tables(&w)) != PC_OK)
        goto done;
    t[3] = pc_seconds();
    struct pc_progress measuring = pc_progress_slice(progress, 0.3, 0.8);
    if ((rc = pc_eval_each_batch(c->ev, c->def->layer, walk_batch, &pass,
                                 c->whole ? NULL : &measuring)) != PC_OK)
        goto done;
    t[4] = pc_seconds();
    if ((rc = pc_network_reached(c->ev->g, w.net,
                                 c->def->radius.by_area ? 0 : pc_radius_max(&c->def->radius),
                                 &w.lines)) != PC_OK ||
        (rc = write_service_area(&w)) != PC_OK)
        goto done;
    t[5] = pc_seconds();
    pc_eval_notice(c->ev, 0,
                   "%s: graph %.3f s, access points %.3f s, walking %.3f s, %zu parcels %.3f s "
                   "(rows %.3f s), service area %.3f s",
                   c->def->id, t[1] - t[0], t[2] - t[1], t[3] - t[2], c->n_measured,
                   t[4] - t[3] - pass.seconds_rows, pass.seconds_rows, t[5] - t[4]);
    struct pc_network_stats st = pc_network_stats(w.net);
    pc_eval_notice(c->ev, 0,
                   "%s: street network <%s>: %zu edges, %zu nodes, %.1f km, %zu dangling ends "
                   "joined; %zu access points for %zu of %zu qualifying facilities of <%s> "
                   "(%zu through entrances; %zu below the smallest area class)",
                   c->def->id, c->def->walk.network->name, st.n_edges, st.n_nodes,
                   st.length_m / 1000, st.n_snapped, w.n_access, w.n_reached, c->n_qualifying,
                   c->def->facility->name, w.n_by_gate, c->n_too_small);
    if (w.n_stray_entrances > 0)
        pc_eval_notice(c->ev, 1,
                       "%s: %zu entrances of <%s> lie farther than %g m from every qualifying "
                       "facility and are not used",
                       c->def->id, w.n_stray_entrances, c->def->walk.entrances->name,
                       c->def->walk.access);
done:
    if (w.lines != NULL)
        GEOSGeom_destroy_r(c->ev->g->h, w.lines);
    pc_network_costs_free(costs.nearest);
    free(w.access);
    free(w.entrances);
    free(w.radius);
    return rc;
}
